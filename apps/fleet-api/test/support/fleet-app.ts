import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createFleetApp } from '../../src/app.js';
import { loadFleetConfig, type FleetConfig } from '../../src/config/fleet-config.js';

export const INGEST_KEY = 'test-ingest-key';
export const ADMIN_KEY = 'test-admin-key';

export interface RunningFleetApi {
  app: NestFastifyApplication;
  url: string;
  config: FleetConfig;
  close(): Promise<void>;
}

/** Boots the real fleet-api on a free port against the given Redis database. */
export async function startFleetApi(redisUrl: string, env: Record<string, string> = {}): Promise<RunningFleetApi> {
  const config = loadFleetConfig({
    API_KEY: INGEST_KEY,
    ADMIN_API_KEY: ADMIN_KEY,
    REDIS_URL: redisUrl,
    LOG_LEVEL: 'ERROR',
    RATE_LIMIT_RPS: '1000',
    LATEST_CACHE_MS: '0',
    PORT: '0',
    HOST: '127.0.0.1',
    ...env,
  });
  const app = await createFleetApp(config);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, url, config, close: () => app.close() };
}

/** A response with its body parsed when it is JSON. */
export interface JsonResponse {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary response fields
  body: any;
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = { 'x-api-key': INGEST_KEY }): Promise<JsonResponse> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

export async function getJson(url: string, headers: Record<string, string> = {}): Promise<JsonResponse> {
  const res = await fetch(url, { headers });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, headers: res.headers, body };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until check returns a truthy value or the time runs out. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 10_000, everyMs = 50): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    await sleep(everyMs);
  }
  throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${(last as Error).message}` : ''}`);
}
