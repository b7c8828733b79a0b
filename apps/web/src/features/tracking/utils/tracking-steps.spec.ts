import { describe, expect, it } from '@jest/globals';
import { fmtEta, statusHeadline, trackingSteps } from './tracking-steps';

const m = (status: string, at: string) => ({ status, at }) as never;
const milestones = [m('CREATED', '2026-11-22T10:00:00Z'), m('QUEUED', '2026-11-22T10:00:00Z'), m('ASSIGNED', '2026-11-22T10:00:10Z'), m('LAUNCHED', '2026-11-22T10:03:01Z'), m('ENROUTE', '2026-11-22T10:03:05Z')];

describe('tracking milestones', () => {
  it('marks the steps reached done, the present one current and the rest to do, with their times', () => {
    const steps = trackingSteps('ENROUTE', milestones);
    expect(steps.map((s) => s.state)).toEqual(['done', 'done', 'done', 'current', 'todo', 'todo']);
    expect(steps[1]).toEqual({ label: 'Drone assigned', state: 'done', at: '2026-11-22T10:00:10Z' });
    expect(steps[4]!.at).toBeNull();
  });

  it('shows every step done once delivered', () => {
    expect(trackingSteps('DELIVERED', [...milestones, m('ARRIVED', 'x'), m('DELIVERED', 'y')]).every((s) => s.state === 'done')).toBe(true);
  });

  it('keeps what was reached done when a delivery is canceled', () => {
    expect(trackingSteps('CANCELED', milestones.slice(0, 3)).map((s) => s.state)).toEqual(['done', 'done', 'todo', 'todo', 'todo', 'todo']);
    expect(statusHeadline('CANCELED')).toBe('This delivery was canceled.');
  });

  it('reads an assigned order as a drone assigned, in words', () => {
    expect(statusHeadline('ASSIGNED')).toBe('A drone has been assigned to your delivery.');
    expect(trackingSteps('ASSIGNED', milestones.slice(0, 3))[1]!.state).toBe('current');
  });

  it('rounds the ETA for a person', () => {
    expect(fmtEta(184)).toBe('about 3 min');
    expect(fmtEta(20)).toBe('less than a minute');
    expect(fmtEta(null)).toBeNull();
  });
});
