import { Logger } from '@nestjs/common';
import type { ConnectionOptions } from 'bullmq';
import { Redis } from 'ioredis';

const logger = new Logger('Redis');

/** Reconnect forever with a capped backoff, so a service recovers by itself when Redis returns. */
export const reconnectForever = (attempt: number) => Math.min(100 * 2 ** Math.min(attempt, 6), 2000);

/** Options for BullMQ's own connections: they must block and retry, so no time limit and no request cap. */
export function bullConnectionOptions(redisUrl: string): ConnectionOptions {
  return { url: redisUrl, maxRetriesPerRequest: null, retryStrategy: reconnectForever };
}

/**
 * A connection for request paths: never hangs a request on a dead Redis (no offline queue, 2 s command
 * limit), reconnects forever, and logs the outage once and the recovery once.
 */
export function createCommandClient(redisUrl: string, name: string, options: { autoPipelining?: boolean } = {}): Redis {
  const client = new Redis(redisUrl, {
    connectionName: name,
    enableOfflineQueue: false,
    enableAutoPipelining: options.autoPipelining ?? false,
    commandTimeout: 2000,
    maxRetriesPerRequest: 1,
    retryStrategy: reconnectForever,
  });
  let down = false;
  client.on('error', (err: Error) => {
    if (!down) logger.warn(`${name}: ${err.message}`);
    down = true;
  });
  client.on('ready', () => {
    if (down) logger.log(`${name}: connection restored`);
    down = false;
  });
  return client;
}

/**
 * Gives Redis a moment at start-up so the first requests do not meet a half-open connection. When Redis is
 * down the service starts anyway (readyz answers 503) and connects as soon as it can.
 */
export async function waitUntilReady(client: Redis, ms: number): Promise<void> {
  if (client.status === 'ready') return;
  const ready = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    client.once('ready', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
  if (!ready) logger.warn(`Redis not reachable after ${ms} ms; starting anyway and retrying in the background`);
}
