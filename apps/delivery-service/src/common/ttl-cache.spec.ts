import { describe, expect, it } from '@jest/globals';
import { TtlCache } from './ttl-cache.js';

describe('TtlCache', () => {
  it('loads once for concurrent callers and again after the time to live', async () => {
    let loads = 0;
    const cache = new TtlCache(async () => ++loads, 50);
    expect(await Promise.all([cache.get(), cache.get(), cache.get()])).toEqual([1, 1, 1]);
    await new Promise((r) => setTimeout(r, 60));
    expect(await cache.get()).toBe(2);
  });

  it('does not keep a failed load', async () => {
    let fail = true;
    const cache = new TtlCache(async () => {
      if (fail) throw new Error('down');
      return 'up';
    }, 10_000);
    await expect(cache.get()).rejects.toThrow('down');
    fail = false;
    expect(await cache.get()).toBe('up');
  });

  it('loads afresh after invalidate()', async () => {
    let loads = 0;
    const cache = new TtlCache(async () => ++loads, 10_000);
    await cache.get();
    cache.invalidate();
    expect(await cache.get()).toBe(2);
  });
});
