import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createFleetApp } from '../../src/app.js';
import { loadFleetConfig, type FleetConfig } from '../../src/config/fleet-config.js';
import { requestJson, type JsonResponse } from '@wingxtra/testing';

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

export { getJson, sleep, eventually, type JsonResponse } from '@wingxtra/testing';

/** POST JSON with the ingest key unless other headers are given. */
export function postJson(url: string, body: unknown, headers: Record<string, string> = { 'x-api-key': INGEST_KEY }): Promise<JsonResponse> {
  return requestJson('POST', url, body, headers);
}
