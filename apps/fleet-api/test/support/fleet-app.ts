import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createFleetApp } from '../../src/app.js';
import { loadFleetConfig, type FleetConfig } from '../../src/config/fleet-config.js';
import { requestJson, type JsonResponse } from '@wingxtra/testing';

export const INGEST_KEY = 'test-ingest-key';
export const ADMIN_KEY = 'test-admin-key';
export const DRONE_KEY_SECRET = 'fleet-test-drone-key-secret-0123456789';
export const JWT_SECRET = 'fleet-test-jwt-secret-0123456789abcdef';

export interface RunningFleetApi {
  app: NestFastifyApplication;
  url: string;
  config: FleetConfig;
  close(): Promise<void>;
}

/**
 * Boots the real fleet-api on a free port against the given Redis database; with DATABASE_URL in env (a
 * migrated database, see registry-app.ts) with its registry, else with REGISTRY_ENABLED=false.
 */
export async function startFleetApi(redisUrl: string, env: Record<string, string> = {}): Promise<RunningFleetApi> {
  const config = loadFleetConfig({
    API_KEY: INGEST_KEY,
    ADMIN_API_KEY: ADMIN_KEY,
    REDIS_URL: redisUrl,
    ...(env.DATABASE_URL ? { DRONE_KEY_SECRET, JWT_SECRET } : { REGISTRY_ENABLED: 'false' }),
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
