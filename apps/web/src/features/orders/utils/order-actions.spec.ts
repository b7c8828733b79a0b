import { describe, expect, it } from '@jest/globals';
import { availableActions } from './order-actions';

describe('actions open to a role', () => {
  it('lets ops dispatch, assign, reschedule and cancel a queued order', () => {
    expect(availableActions('QUEUED', 'OPS')).toEqual(['dispatch', 'assign', 'reschedule', 'cancel']);
  });

  it('lets ops submit the mission intent, reassign, reschedule and cancel an assigned order', () => {
    expect(availableActions('ASSIGNED', 'ADMIN')).toEqual(['assign', 'submitIntent', 'reschedule', 'cancel']);
  });

  it('lets a merchant only reschedule and cancel until the order is assigned', () => {
    expect(availableActions('QUEUED', 'MERCHANT')).toEqual(['reschedule', 'cancel']);
    expect(availableActions('ASSIGNED', 'MERCHANT')).toEqual([]);
  });

  it('offers proof of delivery once the drone has arrived, to every role', () => {
    expect(availableActions('ARRIVED', 'MERCHANT')).toEqual(['pod']);
    expect(availableActions('DELIVERING', 'OPS')).toEqual(['pod']);
  });

  it('offers nothing once airborne before arrival, nor after the end', () => {
    expect(availableActions('ENROUTE', 'OPS')).toEqual([]);
    expect(availableActions('DELIVERED', 'ADMIN')).toEqual([]);
    expect(availableActions('MISSION_SUBMITTED', 'OPS')).toEqual(['cancel']);
  });
});
