import { describe, expect, it } from '@jest/globals';
import { entryJson, entryListJson, OnlineThreshold, positionOf } from './latest-entries.js';

const NOW = Date.parse('2026-12-02T04:00:30.000Z');

/** A document as the ingest script writes it. */
function stored(droneId: string, lastSeen: string, sourceIp: string | null) {
  const telemetry = { schema_version: 1, drone_id: droneId, ts: lastSeen, position: { lat: 5.6, lon: -0.18 }, state: { mode: 'AUTO, GUIDED' } };
  const json = Buffer.from(JSON.stringify({ drone_id: droneId, last_seen_ts: lastSeen, telemetry, source_ip: sourceIp }));
  return { droneId, json, telemetry };
}

describe('latest entries', () => {
  const threshold = new OnlineThreshold(NOW, 30_000);

  it('is online exactly OFFLINE_AFTER_S after last seen and offline a millisecond later', () => {
    expect(threshold.isOnline(stored('WX-A', '2026-12-02T04:00:00.000Z', null))).toBe(true);
    expect(threshold.isOnline(stored('WX-A', '2026-12-02T03:59:59.999Z', null))).toBe(false);
    expect(threshold.isOnline(stored('WX-LONGER-ID-123', '2026-12-02T04:00:29.000Z', '10.0.0.1'))).toBe(true);
    // The same rule for one drone's parsed time.
    expect(threshold.isOnlineAt(Date.parse('2026-12-02T04:00:00.000Z'))).toBe(true);
    expect(threshold.isOnlineAt(Date.parse('2026-12-02T03:59:59.999Z'))).toBe(false);
  });

  it('reads the position section of a document, or none when it carries none', () => {
    expect(positionOf(stored('WX-A', '2026-12-02T04:00:10.000Z', null).json)).toEqual({ lat: 5.6, lon: -0.18 });
    expect(positionOf(Buffer.from('{"drone_id":"WX-B","last_seen_ts":"2026-12-02T04:00:10.000Z","telemetry":{"schema_version":1},"source_ip":null}'))).toBeNull();
  });

  it('drops source_ip, whether null or an address, and adds the online flag', () => {
    const withIp = stored('WX-A', '2026-12-02T04:00:10.000Z', '2001:db8::1');
    expect(JSON.parse(entryJson(withIp, threshold))).toEqual({
      drone_id: 'WX-A',
      last_seen_ts: '2026-12-02T04:00:10.000Z',
      telemetry: withIp.telemetry,
      online: true,
    });
    const withoutIp = stored('WX-B', '2026-12-01T00:00:00.000Z', null);
    expect(JSON.parse(entryJson(withoutIp, threshold))).toMatchObject({ drone_id: 'WX-B', online: false });
    expect(JSON.parse(entryJson(withoutIp, threshold))).not.toHaveProperty('source_ip');
  });

  it('writes the list with its head, entries joined by commas, and none at all', () => {
    const docs = [stored('WX-A', '2026-12-02T04:00:10.000Z', '127.0.0.1'), stored('WX-B', '2026-12-01T00:00:00.000Z', null)];
    const body = JSON.parse(entryListJson('{"count":2,"drones":[', docs, threshold).toString());
    expect(body.count).toBe(2);
    expect(body.drones.map((d: { drone_id: string; online: boolean }) => [d.drone_id, d.online])).toEqual([
      ['WX-A', true],
      ['WX-B', false],
    ]);
    expect(JSON.parse(entryListJson('{"drones":[', [], threshold).toString())).toEqual({ drones: [] });
  });
});
