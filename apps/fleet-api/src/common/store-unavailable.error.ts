import { withinMs } from '@wingxtra/service-kit';
import { ReplyError } from 'ioredis';

/** Redis could not be reached in time; the request may be retried. Answered as 503. */
export class StoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`Redis unavailable: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'StoreUnavailableError';
  }
}

/**
 * Awaits a Redis call, turning connection failures (refused, closed, timed out, offline) into
 * StoreUnavailableError. A ReplyError is Redis refusing the command itself: a bug, left as is.
 */
export async function whileStoreUp<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (err) {
    if (err instanceof ReplyError) throw err;
    throw new StoreUnavailableError(err);
  }
}

/** For connections that wait for Redis forever (BullMQ's): give up after ms with StoreUnavailableError. */
export function storeWithinMs<T>(call: Promise<T>, ms: number): Promise<T> {
  return withinMs(call, ms).catch((err: unknown) => {
    throw err instanceof Error && err.message.startsWith('no answer within') ? new StoreUnavailableError(err) : err;
  });
}
