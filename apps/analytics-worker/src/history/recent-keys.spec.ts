import { describe, expect, it } from '@jest/globals';
import { RecentKeys } from './recent-keys.js';

describe('recent keys', () => {
  it('holds a key back until its window has passed since it was handled', () => {
    const recent = new RecentKeys(1000);
    expect(recent.due(['a', 'b'], 0)).toEqual(['a', 'b']);
    recent.mark(['a'], 0);
    expect(recent.due(['a', 'b'], 999)).toEqual(['b']);
    expect(recent.due(['a', 'b'], 1000)).toEqual(['a', 'b']);
  });

  it('counts only what was marked: work that failed is due again at once', () => {
    const recent = new RecentKeys(1000);
    recent.due(['a'], 0);
    expect(recent.due(['a'], 1)).toEqual(['a']);
  });

  it('forgets stale keys once it holds more than its limit, keeping fresh ones', () => {
    const recent = new RecentKeys(1000, 2);
    recent.mark(['old-1', 'old-2'], 0);
    recent.mark(['new'], 5000);
    expect(recent.due(['new'], 5001)).toEqual([]);
    recent.mark(['other'], 5001);
    expect(recent.due(['old-1', 'old-2', 'new', 'other'], 5002)).toEqual(['old-1', 'old-2']);
  });
});
