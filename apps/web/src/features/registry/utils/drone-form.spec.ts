import { describe, expect, it } from '@jest/globals';
import type { DroneDto } from '@wingxtra/contracts/client';
import { buildRegisterDrone, buildUpdateDrone, droneToForm, EMPTY_DRONE_FORM, graceSeconds } from './drone-form';

const valid = { ...EMPTY_DRONE_FORM, droneId: 'WX-DRN-001', name: 'Accra 1', maxPayloadKg: '2.5' };

const drone: DroneDto = {
  drone_id: 'WX-DRN-001', name: 'Accra 1', type: 'quadcopter', max_payload_kg: 2.5, home: { lat: 5.6037, lon: -0.187 }, notes: null,
  maintenance: false, active: true, status: 'healthy', status_reasons: [], status_changed_at: '2026-12-01T10:00:00.000Z',
  last_heartbeat_at: null, created_at: '2026-12-01T10:00:00.000Z', updated_at: '2026-12-01T10:00:00.000Z', deactivated_at: null,
};

describe('the register form', () => {
  it('turns a complete form into a RegisterDroneDto with numbers, leaving out an empty home and notes', () => {
    expect(buildRegisterDrone(valid)).toEqual({ errors: {}, drone: { drone_id: 'WX-DRN-001', name: 'Accra 1', type: 'quadcopter', max_payload_kg: 2.5 } });
  });

  it('sends the home picked on the map and the notes', () => {
    expect(buildRegisterDrone({ ...valid, homeLat: '5.6037', homeLon: '-0.187', notes: ' spare props in box 3 ' }).drone).toMatchObject({
      home: { lat: 5.6037, lon: -0.187 },
      notes: 'spare props in box 3',
    });
  });

  it('refuses a drone id telemetry would refuse, naming the rule', () => {
    expect(buildRegisterDrone({ ...valid, droneId: 'wx-drn-001' }).errors.droneId).toBe('Drone ID must be 3 to 64 capital letters, digits, - or _ (for example WX-DRN-001)');
    expect(buildRegisterDrone({ ...valid, droneId: 'WX' }).errors.droneId).toMatch(/^Drone ID must be 3 to 64/);
  });

  it('names an empty name, a missing or out-of-range payload and half a home', () => {
    expect(buildRegisterDrone({ ...valid, name: '  ' }).errors.name).toBe('Name must not be empty');
    expect(buildRegisterDrone({ ...valid, maxPayloadKg: '' }).errors.maxPayloadKg).toBe('Maximum payload is required');
    expect(buildRegisterDrone({ ...valid, maxPayloadKg: '1000.5' }).errors.maxPayloadKg).toBe('Maximum payload must be from 0 to 1000 kg');
    expect(buildRegisterDrone({ ...valid, maxPayloadKg: 'heavy' }).errors.maxPayloadKg).toBe('Maximum payload must be a number');
    expect(buildRegisterDrone({ ...valid, homeLat: '5.6' }).errors.homeLon).toBe('Give both home coordinates, or neither');
    expect(buildRegisterDrone({ ...valid, homeLat: '95', homeLon: '0' }).errors.homeLat).toBe('Home latitude must be from -90 to 90°');
    expect(buildRegisterDrone({ ...valid, notes: 'x'.repeat(2001) }).errors.notes).toBe('Notes must be at most 2000 characters');
    expect(buildRegisterDrone({ ...valid, homeLat: '5.6' }).drone).toBeNull();
  });
});

describe('the edit form', () => {
  it('sends only the fields that changed', () => {
    expect(buildUpdateDrone({ ...droneToForm(drone), name: 'Accra one', maxPayloadKg: '3' }, drone)).toEqual({ errors: {}, patch: { name: 'Accra one', max_payload_kg: 3 } });
    expect(buildUpdateDrone(droneToForm(drone), drone)).toEqual({ errors: {}, patch: {} });
  });

  it('clears the home and the notes with null, and moves the home', () => {
    expect(buildUpdateDrone({ ...droneToForm(drone), homeLat: '', homeLon: '' }, drone).patch).toEqual({ home: null });
    expect(buildUpdateDrone({ ...droneToForm(drone), homeLat: '5.61' }, drone).patch).toEqual({ home: { lat: 5.61, lon: -0.187 } });
    expect(buildUpdateDrone(droneToForm({ ...drone, notes: 'old' }), { ...drone, notes: 'old' }).patch).toEqual({});
    expect(buildUpdateDrone({ ...droneToForm({ ...drone, notes: 'old' }), notes: '' }, { ...drone, notes: 'old' }).patch).toEqual({ notes: null });
  });
});

describe('the grace period of a rotation', () => {
  it('takes hours, leaves an empty field to fleet-api and refuses more than 30 days', () => {
    expect(graceSeconds('24')).toEqual({ graceS: 86_400, error: null });
    expect(graceSeconds('0')).toEqual({ graceS: 0, error: null });
    expect(graceSeconds('')).toEqual({ graceS: null, error: null });
    expect(graceSeconds('721').error).toBe('The grace period must be from 0 to 720 hours (30 days)');
    expect(graceSeconds('-1').error).toMatch(/from 0 to 720/);
    expect(graceSeconds('soon').error).toMatch(/in hours/);
  });
});
