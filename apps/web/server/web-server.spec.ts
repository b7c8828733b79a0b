import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadWebConfig } from './web-config.js';
import { buildWebServer } from './web-server.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A stand-in service that records what reached it and answers by path. */
async function upstream(name: string, seen: Seen[]): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      if (req.url === '/api/v1/telemetry/stream') {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        res.write('retry: 2000\n\nevent: drone\ndata: {"n":1}\n\n');
        const t = setTimeout(() => res.end('event: drone\ndata: {"n":2}\n\n'), 1500);
        res.on('close', () => clearTimeout(t));
        return;
      }
      if (req.url === '/api/v1/unavailable') {
        res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' }).end(JSON.stringify({ statusCode: 503, error: 'Service Unavailable', message: 'Telemetry store unavailable; retry shortly' }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ service: name, url: req.url }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` };
}

describe('the web server', () => {
  const seen: Seen[] = [];
  let fleet: { server: Server; url: string };
  let delivery: { server: Server; url: string };
  let app: FastifyInstance;
  let base = '';
  let staticDir = '';

  beforeAll(async () => {
    fleet = await upstream('fleet', seen);
    delivery = await upstream('delivery', seen);
    staticDir = mkdtempSync(join(tmpdir(), 'wx-web-'));
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Wingxtra</title><div id="root"></div>');
    writeFileSync(join(staticDir, 'assets', 'app-1234.js'), 'console.log(1)');
    app = await buildWebServer(
      loadWebConfig({
        FLEET_API_URL: fleet.url,
        DELIVERY_API_URL: delivery.url,
        ANALYTICS_API_URL: 'http://127.0.0.1:1', // nothing listens there
        STATIC_DIR: staticDir,
        LOG_LEVEL: 'ERROR',
        OFFLINE_AFTER_S: '7',
        PROXY_TIMEOUT_S: '5',
      }),
    );
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });

  afterAll(async () => {
    await app.close();
    for (const u of [fleet, delivery]) {
      u.server.closeAllConnections();
      u.server.close();
    }
    rmSync(staticDir, { recursive: true, force: true });
  });

  it("forwards /api/<service>/v1/... to that service's /api/v1/... with method, query, body and token", async () => {
    const res = await fetch(`${base}/api/delivery/v1/orders?status=QUEUED`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer t0ken' },
      body: JSON.stringify({ a: 1 }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ service: 'delivery', url: '/api/v1/orders?status=QUEUED' });
    const hit = seen.find((s) => s.url === '/api/v1/orders?status=QUEUED')!;
    expect(hit).toMatchObject({ method: 'POST', body: '{"a":1}' });
    expect(hit.headers.authorization).toBe('Bearer t0ken');
    expect(hit.headers['x-forwarded-for']).toContain('127.0.0.1');
  });

  it('sends fleet paths to fleet-api only', async () => {
    expect(await (await fetch(`${base}/api/fleet/v1/drones`)).json()).toEqual({ service: 'fleet', url: '/api/v1/drones' });
  });

  it('streams Server-Sent Events through as they are written, not when the stream ends', async () => {
    const started = Date.now();
    const res = await fetch(`${base}/api/fleet/v1/telemetry/stream`);
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('data: {"n":1}');
    expect(Date.now() - started).toBeLessThan(1200); // the second event is written only after 1.5 s
    await reader.cancel();
  });

  it("passes a service's 503 on at once, with its Retry-After, instead of retrying it", async () => {
    const started = Date.now();
    const res = await fetch(`${base}/api/fleet/v1/unavailable`);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    expect((await res.json()).message).toBe('Telemetry store unavailable; retry shortly');
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('answers 502 in words, naming the service, when a service cannot be reached', async () => {
    const res = await fetch(`${base}/api/analytics/v1/analytics/leaderboard`);
    expect(res.status).toBe(502);
    const body = await res.json();
    expect(body).toMatchObject({ statusCode: 502, error: 'Bad Gateway' });
    expect(body.message).toMatch(/^analytics-worker is unreachable \(.+\); retry shortly$/);
  });

  it('answers an /api path of no service with 404 naming the prefixes', async () => {
    const res = await fetch(`${base}/api/v1/orders`);
    expect(res.status).toBe(404);
    expect((await res.json()).message).toBe(
      'No API at /api/v1/orders: use /api/fleet/v1/... (fleet-api), /api/delivery/v1/... (delivery-service), /api/analytics/v1/... (analytics-worker)',
    );
  });

  it("serves the app for every page address (the app's router takes over) and 404 for missing files", async () => {
    for (const path of ['/', '/ops/map', '/t/K7Q2XH9MVaTR', '/login']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<div id="root">');
    }
    expect((await fetch(`${base}/assets/missing-9999.js`)).status).toBe(404);
    const asset = await fetch(`${base}/assets/app-1234.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('serves the runtime config as a script, uncached', async () => {
    const res = await fetch(`${base}/runtime-config.js`);
    expect(res.headers.get('content-type')).toMatch(/^application\/javascript/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const script = await res.text();
    const value = JSON.parse(script.slice(script.indexOf('=') + 1).trim().replace(/;$/, ''));
    expect(value).toEqual({ tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', tileAttribution: '&copy; OpenStreetMap contributors', offlineAfterS: 7 });
  });

  it('is ready once the app is built', async () => {
    expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
  });
});
