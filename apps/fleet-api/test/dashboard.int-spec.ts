import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { claimRedisDb, type TestRedisDb } from '@wingxtra/testing';
import { startFleetApi, type RunningFleetApi } from './support/fleet-app.js';

/** The fleet map page at GET / (spec 3.4): served by fleet-api itself, every file local (no CDN, no internet). */
describe('fleet map page', () => {
  let redis: TestRedisDb;
  let api: RunningFleetApi;

  beforeAll(async () => {
    redis = await claimRedisDb();
    api = await startFleetApi(redis.url);
  });

  afterAll(async () => {
    await api.close();
    await redis.release();
  });

  it('answers GET / with the map and table page', async () => {
    const res = await fetch(`${api.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    expect(html).toContain('<div id="map"');
    expect(html).toContain('<table id="drones">');
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1" />');
  });

  it('loads every script and stylesheet from fleet-api itself, so it works with no internet', async () => {
    const html = await (await fetch(`${api.url}/`)).text();
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(refs).toEqual(['/dashboard/vendor/leaflet/leaflet.css', '/dashboard/dashboard.css', '/dashboard/vendor/leaflet/leaflet.js', '/dashboard/dashboard.js']);
    for (const ref of refs) {
      const res = await fetch(`${api.url}${ref}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(ref.endsWith('.js') ? /^(application|text)\/javascript/ : /^text\/css/);
      expect((await res.text()).length).toBeGreaterThan(500);
    }
  });

  it("serves Leaflet's images from the leaflet package", async () => {
    const res = await fetch(`${api.url}/dashboard/vendor/leaflet/images/layers.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
  });

  it('serves nothing outside its folders', async () => {
    expect((await fetch(`${api.url}/dashboard/..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${api.url}/dashboard/vendor/leaflet/..%2F..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${api.url}/dashboard/nope.js`)).status).toBe(404);
  });

  it('leaves the API where it was: latest state still answers JSON beside the page', async () => {
    const res = await fetch(`${api.url}/api/v1/telemetry/latest`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { drones: unknown[] }).drones).toEqual([]);
  });
});
