import { describe, expect, it } from '@jest/globals';
import { ORDER_STATUSES, TERMINAL_ORDER_STATUSES } from '@wingxtra/contracts';
import { allowedTransitions, canTransition, IllegalTransitionError, ORDER_TRANSITIONS } from './order-transitions.js';

describe('order transition table', () => {
  it('has an entry for every status and only names known statuses', () => {
    expect(Object.keys(ORDER_TRANSITIONS).sort()).toEqual([...ORDER_STATUSES].sort());
    for (const targets of Object.values(ORDER_TRANSITIONS)) {
      for (const t of targets) expect(ORDER_STATUSES).toContain(t);
    }
  });

  it('lets no terminal status go anywhere', () => {
    for (const s of TERMINAL_ORDER_STATUSES) expect(allowedTransitions(s)).toEqual([]);
  });

  it('walks the happy path from CREATED to DELIVERED', () => {
    const path = ['CREATED', 'VALIDATED', 'QUEUED', 'ASSIGNED', 'MISSION_SUBMITTED', 'LAUNCHED', 'ENROUTE', 'ARRIVED', 'DELIVERING', 'DELIVERED'] as const;
    for (let i = 1; i < path.length; i++) expect(canTransition(path[i - 1], path[i])).toBe(true);
  });

  it('refuses to cancel a drone that is airborne', () => {
    for (const s of ['LAUNCHED', 'ENROUTE', 'ARRIVED', 'DELIVERING'] as const) expect(canTransition(s, 'CANCELED')).toBe(false);
  });

  it('refuses to skip dispatch: QUEUED cannot become LAUNCHED', () => {
    expect(canTransition('QUEUED', 'LAUNCHED')).toBe(false);
  });

  it('names the allowed transitions in its error', () => {
    const err = new IllegalTransitionError('QUEUED', 'DELIVERED');
    expect(err.message).toBe('Order is QUEUED; it cannot become DELIVERED. Allowed from QUEUED: ASSIGNED, VALIDATED, CANCELED');
    expect(new IllegalTransitionError('DELIVERED', 'CANCELED').message).toMatch(/DELIVERED is final/);
  });
});
