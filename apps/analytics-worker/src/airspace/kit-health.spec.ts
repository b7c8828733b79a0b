import { describe, expect, it } from '@jest/globals';
import { KitHealth } from './kit-health.js';

const settings = { initialBackoffMs: 5000, maxBackoffMs: 300_000, staleThresholdMs: 60_000 };
const at = (s: number) => new Date(Date.UTC(2026, 11, 1, 10, 0, 0) + s * 1000);
const down = { ok: false as const, reachable: false, error: 'request error fetching /drones: ECONNREFUSED' };

describe('KitHealth', () => {
  it('starts unknown with the initial backoff and no requests', () => {
    const h = new KitHealth(settings);
    expect(h.status).toBe('unknown');
    expect(h.backoffMs).toBe(5000);
    expect(h.successRatePct).toBe(0);
  });

  it('backs off 5 s, 10 s, 20 s, 40 s, 80 s, 160 s, then 300 s at most, and is offline meanwhile', () => {
    const h = new KitHealth(settings);
    const delays = Array.from({ length: 8 }, (_, i) => (h.record(down, at(i)), h.nextDelayMs(5000)));
    expect(delays).toEqual([5000, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000]);
    expect(h.status).toBe('offline');
    expect(h.consecutiveFailures).toBe(8);
    expect(h.lastError).toBe(down.error);
  });

  it('goes online on a success and resets failures, backoff and the last error', () => {
    const h = new KitHealth(settings);
    h.record(down, at(0));
    h.record(down, at(5));
    expect(h.record({ ok: true, hadData: true }, at(15))).toBe('offline');
    expect(h).toMatchObject({ status: 'online', consecutiveFailures: 0, backoffMs: 5000, lastError: null, lastSeen: at(15), lastDataAt: at(15) });
    expect(h.nextDelayMs(5000)).toBe(5000);
  });

  it('counts every round as a request and reports the success rate with one decimal', () => {
    const h = new KitHealth(settings);
    h.record({ ok: true, hadData: true }, at(0));
    h.record({ ok: true, hadData: true }, at(5));
    h.record(down, at(10));
    expect([h.totalRequests, h.successfulRequests, h.failedRequests, h.successRatePct]).toEqual([3, 2, 1, 66.7]);
    expect(h.describe('kit-001')).toBe('Kit kit-001: offline | Success rate: 66.7% | Requests: 3 (OK: 2, Failed: 1)');
  });

  it('is error, not offline, when the kit answered wrongly', () => {
    const h = new KitHealth(settings);
    h.record({ ok: false, reachable: true, error: 'HTTP 500 fetching /drones' }, at(0));
    expect(h.status).toBe('error');
    expect(h.nextDelayMs(5000)).toBe(5000);
  });

  it('turns stale when the kit answers without data for longer than the threshold, and online again with data', () => {
    const h = new KitHealth(settings);
    h.record({ ok: true, hadData: true }, at(0));
    h.record({ ok: true, hadData: false }, at(30));
    expect(h.status).toBe('online');
    expect(h.record({ ok: true, hadData: false }, at(61))).toBe('online');
    expect(h.status).toBe('stale');
    expect(h.record({ ok: true, hadData: true }, at(66))).toBe('stale');
    expect(h.status).toBe('online');
  });

  it('judges staleness from when the kit came back, not from data before an outage', () => {
    const h = new KitHealth(settings);
    h.record({ ok: true, hadData: true }, at(0));
    h.record(down, at(5));
    h.record({ ok: true, hadData: false }, at(600));
    expect(h.status).toBe('online');
    h.record({ ok: true, hadData: false }, at(661));
    expect(h.status).toBe('stale');
  });

  it('checkStale marks an online kit stale between rounds, and never touches other states', () => {
    const h = new KitHealth(settings);
    h.record({ ok: true, hadData: true }, at(0));
    expect(h.checkStale(at(59))).toBeNull();
    expect(h.checkStale(at(61))).toBe('online');
    expect(h.status).toBe('stale');
    const o = new KitHealth(settings);
    o.record(down, at(0));
    expect(o.checkStale(at(1000))).toBeNull();
  });

  it('carries on from a snapshot (a kit taken over by another replica)', () => {
    const a = new KitHealth(settings);
    a.record(down, at(0));
    a.record(down, at(5));
    const b = new KitHealth(settings);
    b.restore(a.snapshot());
    b.record(down, at(15));
    expect([b.consecutiveFailures, b.backoffMs, b.totalRequests]).toEqual([3, 20_000, 3]);
  });
});
