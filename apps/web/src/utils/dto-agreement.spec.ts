import { describe, expect, it } from '@jest/globals';
import { AssignOrderDto, CreateGeofenceDto, CreateOrderDto, CreatePodDto, RegisterDroneDto, RotateDroneKeyDto, UpdateDroneDto } from '@wingxtra/contracts';
import { validateDto } from '../../test/support/validate-dto';
import { CREATE_GEOFENCE_RULES } from '../features/geofences/utils/geofence-form';
import { CREATE_ORDER_RULES } from '../features/merchant/utils/order-form';
import { REGISTER_DRONE_RULES, ROTATE_KEY_RULES, UPDATE_DRONE_RULES } from '../features/registry/utils/drone-form';
import { ASSIGN_ORDER_RULES } from '../features/orders/components/DronePicker';
import { CREATE_POD_RULES } from '../features/orders/components/PodForm';
import { checkRules, type RuleSet } from './rules';

/**
 * The forms' plain rules against the DTO classes themselves (class-validator, as the services run them): on every
 * value below both must refuse exactly the same fields. A DTO that changes without its rule set fails here.
 */
function agree(rules: RuleSet, dto: new () => object, base: Record<string, unknown>, variants: Array<Record<string, unknown>>) {
  for (const patch of [{}, ...variants]) {
    const value = { ...base, ...patch };
    for (const k of Object.keys(value)) if (value[k] === undefined) delete value[k];
    const plain = Object.keys(checkRules(rules, value)).sort();
    const dtoFields = Object.keys(validateDto(dto, value)).sort();
    expect({ value, fields: plain }).toEqual({ value, fields: dtoFields });
  }
}

const order = { pickup_lat: 5.6, pickup_lng: -0.18, dropoff_lat: 5.61, dropoff_lng: -0.17, payload_weight_kg: 1.2, payload_type: 'medicine' };

describe('form rules agree with the contracts DTOs', () => {
  it('CreateOrderDto', () => {
    agree(CREATE_ORDER_RULES, CreateOrderDto, order, [
      { pickup_lat: 90 },
      { pickup_lat: 90.000001 },
      { pickup_lng: -180.5 },
      { dropoff_lat: '5.6' },
      { dropoff_lng: Number.NaN },
      { payload_weight_kg: 0.01 },
      { payload_weight_kg: 0.009 },
      { payload_weight_kg: 1000.1 },
      { payload_weight_kg: undefined },
      { payload_type: '' },
      { payload_type: 'x'.repeat(64) },
      { payload_type: 'x'.repeat(65) },
      { customer_name: '' },
      { customer_name: 'Ama' },
      { customer_name: 'x'.repeat(121) },
      { customer_phone: '+233201234567' },
      { customer_phone: '020 123-4567' },
      { customer_phone: '12ab' },
      { customer_phone: '+23' },
      { priority: 'MEDICAL' },
      { priority: 'LOW' },
      { dropoff_accuracy_m: 0 },
      { dropoff_accuracy_m: 10_000.5 },
      { dropoff_accuracy_m: -1 },
      { dropoff_captured_at: '2026-12-01T10:00:00.000Z' },
      { dropoff_captured_at: 'yesterday' },
      { scheduled_for: '2026-12-01T10:00:00+01:00' },
      { scheduled_for: '2026-02-30T10:00:00Z' },
      { merchant_id: 'm'.repeat(65) },
    ]);
  });

  it('AssignOrderDto', () => {
    agree(ASSIGN_ORDER_RULES, AssignOrderDto, { drone_id: 'WX-DRN-001', reason: 'closest' }, [
      { drone_id: '' },
      { drone_id: 'wx-drn-001' },
      { drone_id: 'WX' },
      { reason: 'ok' },
      { reason: 'x'.repeat(500) },
      { reason: 'x'.repeat(501) },
    ]);
  });

  it('CreatePodDto', () => {
    agree(CREATE_POD_RULES, CreatePodDto, { method: 'OTP', otp: '042917' }, [
      { otp: '12345' },
      { otp: '1234567' },
      { otp: undefined },
      { method: 'PHOTO', otp: undefined },
      { method: 'FAX' },
      { notes: 'x'.repeat(1000) },
      { notes: 'x'.repeat(1001) },
    ]);
  });

  it('RegisterDroneDto', () => {
    agree(REGISTER_DRONE_RULES, RegisterDroneDto, { drone_id: 'WX-DRN-001', name: 'Accra 1', type: 'quadcopter', max_payload_kg: 2.5 }, [
      { drone_id: 'wx-drn-001' },
      { drone_id: 'WX' },
      { drone_id: 'W'.repeat(64) },
      { drone_id: 'W'.repeat(65) },
      { name: '' },
      { name: 'x'.repeat(120) },
      { name: 'x'.repeat(121) },
      { type: 'blimp' },
      { type: 'fixed_wing' },
      { max_payload_kg: 0 },
      { max_payload_kg: -0.1 },
      { max_payload_kg: 1000 },
      { max_payload_kg: 1000.01 },
      { max_payload_kg: '2' },
      { max_payload_kg: undefined },
      { home: { lat: 5.6, lon: -0.18 } },
      { home: { lat: 90.5, lon: -0.18 } },
      { home: { lat: 5.6, lon: 181 } },
      { home: { lat: 5.6, lon: undefined } },
      { home: null },
      { notes: 'x'.repeat(2000) },
      { notes: 'x'.repeat(2001) },
      { notes: null },
    ]);
  });

  it('UpdateDroneDto', () => {
    agree(UPDATE_DRONE_RULES, UpdateDroneDto, {}, [
      { name: 'Accra one' },
      { name: '' },
      { type: 'vtol' },
      { type: 'zeppelin' },
      { max_payload_kg: 1001 },
      { home: null },
      { home: { lat: -91, lon: 0 } },
      { notes: null },
      { maintenance: true },
      { maintenance: 'yes' },
      { active: false },
      { active: 1 },
    ]);
  });

  it('RotateDroneKeyDto', () => {
    agree(ROTATE_KEY_RULES, RotateDroneKeyDto, {}, [{ grace_s: 0 }, { grace_s: 86_400 }, { grace_s: 2_592_000 }, { grace_s: 2_592_001 }, { grace_s: -1 }, { grace_s: 1.5 }]);
  });

  it('CreateGeofenceDto', () => {
    const ring = [[-0.2, 5.6], [-0.1, 5.6], [-0.1, 5.7], [-0.2, 5.6]];
    agree(CREATE_GEOFENCE_RULES, CreateGeofenceDto, { name: 'Accra', kind: 'service_area', geometry: { type: 'Polygon', coordinates: [ring] } }, [
      { name: '' },
      { name: 'x'.repeat(121) },
      { kind: 'no_fly_zone' },
      { kind: 'danger_area' },
      { geometry: { type: 'MultiPolygon', coordinates: [ring] } },
      { geometry: { type: 'Polygon', coordinates: [] } },
      { geometry: { type: 'Polygon', coordinates: Array.from({ length: 51 }, () => ring) } },
      { min_alt_m: 0, max_alt_m: 120 },
      { min_alt_m: null, max_alt_m: null },
      { max_alt_m: '120' },
      { active: false },
      { active: 'no' },
    ]);
  });
});
