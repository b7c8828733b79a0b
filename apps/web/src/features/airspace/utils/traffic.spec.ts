import { describe, expect, it } from '@jest/globals';
import { isOurs, otherTraffic, trackAgeS, trackLabel } from './traffic';

const t = (track_id: string, serial: string | null, callsign: string | null = null) => ({ track_id, serial, callsign, last_seen: '2026-12-01T10:00:00.000Z' });

describe('other traffic', () => {
  it('leaves out our own drones by track id or serial, as the airspace gate does', () => {
    const ours = new Set(['WX-DRN-001', 'WX-DRN-002']);
    expect(isOurs(t('WX-DRN-001', null), ours)).toBe(true);
    expect(isOurs(t('drone-X', 'WX-DRN-002'), ours)).toBe(true);
    expect(isOurs(t('adsb-3c6444', '3C6444'), ours)).toBe(false);
    expect(otherTraffic([t('WX-DRN-001', null), t('adsb-3c6444', '3C6444')] as never, ours).map((x) => x.track_id)).toEqual(['adsb-3c6444']);
  });

  it('names a track by callsign, else serial, else id, and ages it on the server clock', () => {
    expect(trackLabel(t('adsb-3c6444', '3C6444', 'DLH572  '))).toBe('DLH572');
    expect(trackLabel(t('drone-1', 'SER1'))).toBe('SER1');
    expect(trackLabel(t('drone-1', null))).toBe('drone-1');
    expect(trackAgeS(t('x', null), Date.parse('2026-12-01T10:00:07.400Z'))).toBe(7);
  });
});
