import { describe, expect, it } from '@jest/globals';
import { LatencyHistogram } from './latency-histogram.js';

describe('latency histogram', () => {
  it('has no quantiles before the first request', () => {
    expect(new LatencyHistogram().quantile(0.99)).toBeNull();
  });

  it('puts the p99 of 1..100 ms at the 99th value and the p50 at the 50th', () => {
    const h = new LatencyHistogram();
    for (let ms = 1; ms <= 100; ms++) h.record(ms - 0.05); // 0.95, 1.95, ... 99.95: bucket upper edges 1, 2, ... 100
    expect(h.quantile(0.5)).toBe(50);
    expect(h.quantile(0.99)).toBe(99);
    expect(h.quantile(1)).toBe(100);
    expect(h.count).toBe(100);
  });

  it('counts anything past 60 s in the last bucket', () => {
    const h = new LatencyHistogram();
    h.record(120_000);
    expect(h.quantile(0.5)).toBe(60_000);
    expect(h.maxMs).toBe(120_000);
  });
});
