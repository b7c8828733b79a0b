import { describe, expect, it } from '@jest/globals';
import { AssignOrderDto, CreateOrderDto, CreatePodDto } from '@wingxtra/contracts';
import { validateDto } from '../../test/support/validate-dto';
import { CREATE_ORDER_RULES } from '../features/merchant/utils/order-form';
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
});
