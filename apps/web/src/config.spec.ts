import { describe, expect, it, jest } from '@jest/globals';
import { readRuntimeConfig } from './config';

describe('runtime config', () => {
  it('takes the served tile URL and offline threshold', () => {
    expect(readRuntimeConfig({ tileUrl: '/tiles/{z}/{x}/{y}.png', tileAttribution: 'local', offlineAfterS: 5 })).toEqual({ tileUrl: '/tiles/{z}/{x}/{y}.png', tileAttribution: 'local', offlineAfterS: 5 });
  });

  it('falls back to OpenStreetMap and 30 s, with a warning, on missing or bad values', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(readRuntimeConfig({ tileUrl: 'https://x/tile.png', offlineAfterS: -1 })).toEqual({ tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', tileAttribution: '&copy; OpenStreetMap contributors', offlineAfterS: 30 });
    expect(warn).toHaveBeenCalledWith('Wingxtra runtime config: tileUrl must be a URL template with {z}, {x} and {y}; offlineAfterS must be a positive number');
    warn.mockRestore();
  });
});
