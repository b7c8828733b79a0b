import { describe, expect, it } from '@jest/globals';
import type { DroneLatest } from '@wingxtra/contracts/client';
import { FleetStore, TRACK_POINTS } from './fleet-store';
import { isOffline, serverSkewMs } from './offline';

const T0 = Date.parse('2026-12-01T12:00:00.000Z');

function drone(id: string, seenMs: number, lat = 5.6, lon = -0.18, yaw?: number): DroneLatest {
  return {
    drone_id: id,
    last_seen_ts: new Date(seenMs).toISOString(),
    online: true,
    telemetry: { schema_version: 1, drone_id: id, ts: new Date(seenMs - 100).toISOString(), position: { lat, lon, alt_m: 10 }, ...(yaw === undefined ? {} : { attitude: { yaw_deg: yaw } }) },
  } as DroneLatest;
}

describe('offline marking', () => {
  it('marks a drone OFFLINE only once its last report is older than the threshold', () => {
    expect(isOffline(T0, T0 + 30_000, 30)).toBe(false);
    expect(isOffline(T0, T0 + 30_001, 30)).toBe(true);
  });

  it("judges by the server's clock, so a browser clock 60 s slow still greys out a silent drone", () => {
    const skew = serverSkewMs(new Date(T0 + 60_000).toISOString(), T0);
    expect(skew).toBe(60_000);
    expect(isOffline(T0 + 20_000, T0, 30, skew)).toBe(true); // the server saw it 40 s ago
    expect(isOffline(T0 + 50_000, T0, 30, skew)).toBe(false);
  });

  it('treats an unreadable last-seen time as offline', () => {
    expect(isOffline(Number.NaN, T0, 30)).toBe(true);
  });
});

describe('FleetStore', () => {
  it('takes new drones and counts the offline ones', () => {
    const s = new FleetStore();
    expect(s.apply([drone('WX-B', T0), drone('WX-A', T0 - 60_000)])).toBe(2);
    expect(s.ids()).toEqual(['WX-A', 'WX-B']);
    expect(s.countOffline(30, T0 + 1_000)).toBe(1);
  });

  it('keeps the newer state when an older one arrives (a slow poll overtaken by the stream)', () => {
    const s = new FleetStore();
    s.apply([drone('WX-A', T0 + 2_000, 5.7)]);
    expect(s.apply([drone('WX-A', T0, 5.6)])).toBe(0);
    expect(s.get('WX-A')!.lat).toBe(5.7);
  });

  it('changes nothing, and tells no listener, when the same state comes again', () => {
    const s = new FleetStore();
    let calls = 0;
    s.subscribe(() => calls++);
    s.apply([drone('WX-A', T0)]);
    s.apply([drone('WX-A', T0)]);
    expect(calls).toBe(1);
    expect(s.version).toBe(1);
  });

  it('keeps a recent track of distinct positions, at most TRACK_POINTS long', () => {
    const s = new FleetStore();
    for (let i = 0; i < TRACK_POINTS + 30; i++) s.apply([drone('WX-A', T0 + i * 1000, 5.6 + i / 1e4)]);
    s.apply([drone('WX-A', T0 + 999_000, s.get('WX-A')!.lat!)]); // same place again: no new point
    const track = s.get('WX-A')!.track;
    expect(track.length).toBe(TRACK_POINTS * 2);
    expect(track[track.length - 2]).toBeCloseTo(5.6 + (TRACK_POINTS + 29) / 1e4);
  });

  it('reads the heading from attitude.yaw_deg and leaves it null when not reported', () => {
    const s = new FleetStore();
    s.apply([drone('WX-A', T0, 5.6, -0.18, 270), drone('WX-B', T0)]);
    expect(s.get('WX-A')!.yawDeg).toBe(270);
    expect(s.get('WX-B')!.yawDeg).toBeNull();
  });

  it('applies 10,000 drones in one batch', () => {
    const s = new FleetStore();
    const batch = Array.from({ length: 10_000 }, (_, i) => drone(`WX-${String(i).padStart(5, '0')}`, T0, 5 + i / 1e5, -0.2));
    expect(s.apply(batch)).toBe(10_000);
    expect(s.size).toBe(10_000);
  });
});
