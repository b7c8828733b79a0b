import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadWebConfig, runtimeConfigOf } from './web-config.js';

const URLS = { FLEET_API_URL: 'http://127.0.0.1:8000/', DELIVERY_API_URL: 'http://127.0.0.1:8001', ANALYTICS_API_URL: 'https://analytics.example' };

function problems(env: Record<string, string>): string[] {
  try {
    loadWebConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('web server configuration', () => {
  it('defaults to port 8080 on every interface, OpenStreetMap tiles and a 30 s offline threshold', () => {
    const c = loadWebConfig(URLS);
    expect(c).toMatchObject({ PORT: 8080, HOST: '0.0.0.0', OFFLINE_AFTER_S: 30, FLEET_API_URL: 'http://127.0.0.1:8000' });
    expect(runtimeConfigOf(c)).toEqual({ tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', tileAttribution: '&copy; OpenStreetMap contributors', offlineAfterS: 30 });
  });

  it('names every missing service URL at once', () => {
    expect(problems({})).toEqual([
      'FLEET_API_URL is required (fleet-api, for example http://127.0.0.1:8000)',
      'DELIVERY_API_URL is required (delivery-service, for example http://127.0.0.1:8001)',
      'ANALYTICS_API_URL is required (analytics-worker, for example http://127.0.0.1:8002)',
    ]);
  });

  it('refuses a service URL that is not http(s), a bad port, a tile URL without {z}/{x}/{y} and a zero offline threshold', () => {
    const p = problems({ ...URLS, DELIVERY_API_URL: 'ftp://x', PORT: 'eighty', TILE_URL: 'https://tiles.example/tile.png', OFFLINE_AFTER_S: '0' });
    expect(p).toEqual(
      expect.arrayContaining([
        'DELIVERY_API_URL must be an http(s) URL such as http://127.0.0.1:8001',
        'TILE_URL must be an http(s) or /path URL template with {z}, {x} and {y}',
      ]),
    );
    expect(p.some((m) => m.startsWith('PORT'))).toBe(true);
    expect(p.some((m) => m.startsWith('OFFLINE_AFTER_S'))).toBe(true);
  });

  it('takes a local tile server and a shorter offline threshold', () => {
    const c = loadWebConfig({ ...URLS, TILE_URL: '/tiles/{z}/{x}/{y}.png', OFFLINE_AFTER_S: '5' });
    expect(runtimeConfigOf(c)).toMatchObject({ tileUrl: '/tiles/{z}/{x}/{y}.png', offlineAfterS: 5 });
  });
});
