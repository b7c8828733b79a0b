import { describe, expect, it } from '@jest/globals';
import { maskTarget, wantsDrone, type FanoutTarget } from './fanout-target.js';

const target = (extra: Partial<FanoutTarget> = {}): FanoutTarget => ({ name: 'partner-a', url: 'https://partner.example/telemetry', batch_size: 1, ...extra });

describe('maskTarget', () => {
  it('shows a target without secrets as configured', () => {
    expect(maskTarget(target({ drone_ids: ['WX-DRN-001'], batch_size: 20 }))).toEqual({
      name: 'partner-a',
      url: 'https://partner.example/telemetry',
      headers: {},
      drone_ids: ['WX-DRN-001'],
      batch_size: 20,
    });
  });

  it('shows drone_ids as null when the target takes every drone', () => {
    expect(maskTarget(target()).drone_ids).toBeNull();
  });

  it('hides the URL password but keeps user, host, port and path', () => {
    expect(maskTarget(target({ url: 'https://ops:hunter2-pass@partner.example:8443/in/telemetry' })).url).toBe(
      'https://ops:***@partner.example:8443/in/telemetry',
    );
  });

  it('hides every query value but keeps the parameter names', () => {
    expect(maskTarget(target({ url: 'https://partner.example/telemetry?token=abc123&region=eu&region=us' })).url).toBe(
      'https://partner.example/telemetry?token=***&region=***',
    );
  });

  it('hides header values but keeps header names', () => {
    const view = maskTarget(target({ headers: { Authorization: 'Bearer tok-9f8e7d', 'X-Partner-Key': 'pk_live_42' } }));

    expect(view.headers).toEqual({ Authorization: '***', 'X-Partner-Key': '***' });
  });

  it('lets no secret of the configuration through', () => {
    const secrets = ['hunter2-pass', 'abc123', 'tok-9f8e7d', 'pk_live_42', 'sig%2Fvalue'];
    const view = maskTarget(
      target({
        url: 'https://ops:hunter2-pass@partner.example/in?token=abc123&sig=sig%2Fvalue',
        headers: { Authorization: 'Bearer tok-9f8e7d', 'X-Partner-Key': 'pk_live_42' },
      }),
    );

    const shown = JSON.stringify(view);
    for (const secret of [...secrets, decodeURIComponent('sig%2Fvalue')]) expect(shown).not.toContain(secret);
  });

  it('keeps a percent-encoded path as the valid URL it is', () => {
    expect(maskTarget(target({ url: 'https://partner.example/drone%20feed?key=s3cret' })).url).toBe('https://partner.example/drone%20feed?key=***');
  });

  it('shows a target whose URL path holds a stray % instead of failing', () => {
    expect(maskTarget(target({ url: 'https://partner.example/100%pure?token=abc123' })).url).toMatch(/\?token=\*\*\*$/);
  });
});

describe('wantsDrone', () => {
  it('sends every drone to a target without drone_ids', () => {
    expect(wantsDrone(target(), 'WX-DRN-001')).toBe(true);
    expect(wantsDrone(target(), 'ANY-OTHER')).toBe(true);
  });

  it('sends only the listed drones to a target with drone_ids', () => {
    const filtered = target({ drone_ids: ['WX-DRN-001', 'WX-DRN-003'] });

    expect(wantsDrone(filtered, 'WX-DRN-001')).toBe(true);
    expect(wantsDrone(filtered, 'WX-DRN-003')).toBe(true);
    expect(wantsDrone(filtered, 'WX-DRN-002')).toBe(false);
    expect(wantsDrone(filtered, 'WX-DRN-00')).toBe(false);
  });

  it('sends nothing to a target whose drone_ids is empty', () => {
    expect(wantsDrone(target({ drone_ids: [] }), 'WX-DRN-001')).toBe(false);
  });
});
