import { describe, expect, it } from '@jest/globals';
import { LastGoodCache } from './last-good-cache.js';

/** A source that answers with its call count, or fails while `down`, on a clock the test moves. */
function source() {
  const s = { calls: 0, down: false, nowMs: 1_000_000 };
  const load = async () => {
    s.calls++;
    if (s.down) throw new Error('fleet-api unreachable');
    return s.calls;
  };
  return { s, load, now: () => s.nowMs };
}

describe('LastGoodCache', () => {
  it('loads once for concurrent callers and again after the time to live', async () => {
    const { s, load, now } = source();
    const cache = new LastGoodCache(load, 2000, now);
    expect(await Promise.all([cache.get(), cache.get(), cache.get()])).toEqual([1, 1, 1]);
    s.nowMs += 1999;
    expect(await cache.get()).toBe(1);
    s.nowMs += 1;
    expect(await cache.get()).toBe(2);
  });

  it('loads on every call with a time to live of 0, still sharing a load in flight', async () => {
    const { load, now } = source();
    const cache = new LastGoodCache(load, 0, now);
    expect(await Promise.all([cache.get(), cache.get()])).toEqual([1, 1]);
    expect(await cache.get()).toBe(2);
  });

  it('never serves an expired copy from get(), and keeps no failure', async () => {
    const { s, load, now } = source();
    const cache = new LastGoodCache(load, 1000, now);
    await cache.get();
    s.down = true;
    s.nowMs += 1000;
    await expect(cache.get()).rejects.toThrow('fleet-api unreachable');
    s.down = false;
    expect(await cache.get()).toBe(3);
  });

  it('serves the last good copy from getOrStale while the source is away, up to the given age', async () => {
    const { s, load, now } = source();
    const cache = new LastGoodCache(load, 1000, now);
    expect(await cache.getOrStale(300_000)).toEqual({ value: 1, ageMs: 0, staleBecause: null });
    s.down = true;
    s.nowMs += 120_000;
    const stale = await cache.getOrStale(300_000);
    expect(stale).toMatchObject({ value: 1, ageMs: 120_000 });
    expect(stale.staleBecause?.message).toBe('fleet-api unreachable');
    s.nowMs += 180_001;
    await expect(cache.getOrStale(300_000)).rejects.toThrow('fleet-api unreachable');
  });

  it('has nothing to fall back on before its first good load', async () => {
    const { s, load, now } = source();
    s.down = true;
    await expect(new LastGoodCache(load, 1000, now).getOrStale(300_000)).rejects.toThrow('fleet-api unreachable');
  });
});
