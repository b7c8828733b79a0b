import { describe, expect, it } from '@jest/globals';
import { signMissionEvent, verifyMissionEvent } from './mission-signature.js';

const SECRET = 'bridge-secret-0123456789';
const INTENT = '7f0c2a6e-4a53-4c1e-9a59-5d2f0e8b7a11';
const BODY = '{"event_id":"e-1","type":"LAUNCHED","at":"2026-11-22T12:00:00Z"}';
const NOW = 1_795_000_000_000;
const TS = NOW / 1000;

describe('mission event signatures', () => {
  it('accepts what it signed', () => {
    expect(verifyMissionEvent(SECRET, String(TS), signMissionEvent(SECRET, TS, INTENT, BODY), INTENT, BODY, 300, NOW)).toBe(true);
  });

  it('matches HMAC-SHA256 over "<timestamp>.<intent_id>.<body>" in hex', () => {
    // Worked out independently: printf '%s' "1795000000.<intent>.<body>" | openssl dgst -sha256 -hmac <secret>
    expect(signMissionEvent(SECRET, TS, INTENT, BODY)).toBe('sha256=e83989f2367456e86c39a5e616b1e45503ad49c2a3b4f7556c782aeb4c71ee27');
    expect(signMissionEvent(SECRET, TS, INTENT, BODY)).not.toBe(signMissionEvent(SECRET, TS, INTENT, `${BODY} `));
  });

  it('refuses a body sent to another intent, a changed body, another secret and a stale timestamp', () => {
    const sig = signMissionEvent(SECRET, TS, INTENT, BODY);
    expect(verifyMissionEvent(SECRET, String(TS), sig, '00000000-0000-4000-8000-000000000000', BODY, 300, NOW)).toBe(false);
    expect(verifyMissionEvent(SECRET, String(TS), sig, INTENT, BODY.replace('LAUNCHED', 'ARRIVED'), 300, NOW)).toBe(false);
    expect(verifyMissionEvent('another-secret-0123456', String(TS), sig, INTENT, BODY, 300, NOW)).toBe(false);
    expect(verifyMissionEvent(SECRET, String(TS), sig, INTENT, BODY, 300, NOW + 301_000)).toBe(false);
    expect(verifyMissionEvent(SECRET, undefined, sig, INTENT, BODY, 300, NOW)).toBe(false);
    expect(verifyMissionEvent(SECRET, 'soon', sig, INTENT, BODY, 300, NOW)).toBe(false);
  });
});
