import { describe, expect, it } from '@jest/globals';
import { envHops } from './config.js';
import { trustProxyOption } from './service-config.js';

describe('TRUST_PROXY', () => {
  it.each([
    ['true', 1], ['YES', 1], ['on', 1], ['false', 0], ['off', 0], ['', 0], ['0', 0], ['2', 2], [' 3 ', 3],
  ])('reads %j as %d trusted proxies', (raw, hops) => {
    expect(envHops({ value: raw })).toBe(hops);
  });

  it.each(['maybe', '-1', '1.5'])('leaves %j for validation to refuse', (raw) => {
    expect(envHops({ value: raw })).toBe(raw);
  });

  it('believes exactly as many proxies as it is told, counted back from the service', () => {
    expect(trustProxyOption(0)).toBe(false);
    const one = trustProxyOption(1) as (address: string, hop: number) => boolean;
    // hop 0 is the peer that connected (the proxy); hop 1 is what that proxy says its client was.
    expect([one('10.0.0.2', 0), one('41.1.2.4', 1)]).toEqual([true, false]);
    const two = trustProxyOption(2) as (address: string, hop: number) => boolean;
    expect([two('10.0.0.2', 0), two('10.0.0.3', 1), two('41.1.2.4', 2)]).toEqual([true, true, false]);
  });
});
