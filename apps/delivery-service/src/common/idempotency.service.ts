import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';
import type { Prisma } from '../generated/prisma/client.js';
import { ProblemError } from './problem.error.js';
import { isUniqueViolation } from '@wingxtra/service-kit';

export interface StoredResponse<T> {
  status: number;
  body: T;
  replayed: boolean;
}

const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
/** A key still marked in progress after this long belongs to a request whose process died. */
const ABANDONED_AFTER_MS = 60_000;

/** sha256 of a canonical JSON rendering (object keys sorted), so key order does not change the hash. */
export function requestHash(value: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canonical) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])])) : v;
  return createHash('sha256').update(JSON.stringify(canonical(value) ?? null)).digest('hex');
}

/**
 * Idempotency-Key handling: the first request with a key runs and its response is kept; the same key with
 * the same body answers that response again; the same key with a different body is refused (422); a repeat
 * while the first is still running gets 409. A request that fails with an error keeps nothing, so it can be
 * retried with the same key.
 */
@Injectable()
export class IdempotencyService {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * `stored` picks what is kept for replays (default: the whole body). Secrets shown once, such as an
   * order's OTP, are left out of it.
   */
  async run<T>(scope: string, key: string | undefined, hash: string, status: number, work: () => Promise<T>, stored: (body: T) => T = (b) => b): Promise<StoredResponse<T>> {
    if (key === undefined) return { status, body: await work(), replayed: false };
    if (!KEY_PATTERN.test(key)) throw new ProblemError(400, 'Idempotency-Key must be 1 to 200 printable ASCII characters');
    try {
      await this.prisma.idempotencyRecord.create({ data: { scope, key, requestHash: hash } });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const prior = await this.prisma.idempotencyRecord.findUnique({ where: { scope_key: { scope, key } } });
      if (!prior) return this.run(scope, key, hash, status, work, stored); // the first attempt failed and was cleared meanwhile
      if (prior.requestHash !== hash) throw new ProblemError(422, 'Idempotency-Key was already used with a different request body');
      if (prior.statusCode === null) {
        if (Date.now() - prior.createdAt.getTime() > ABANDONED_AFTER_MS) {
          // The first request's process died mid-way (nothing was kept): let this one run instead.
          await this.prisma.idempotencyRecord.deleteMany({ where: { scope, key, statusCode: null, createdAt: prior.createdAt } });
          return this.run(scope, key, hash, status, work, stored);
        }
        throw new ProblemError(409, 'A request with this Idempotency-Key is still being processed; retry shortly', {}, { 'retry-after': '1' });
      }
      return { status: prior.statusCode, body: prior.response as T, replayed: true };
    }
    try {
      const body = await work();
      await this.prisma.idempotencyRecord.update({
        where: { scope_key: { scope, key } },
        data: { statusCode: status, response: stored(body) as unknown as Prisma.InputJsonValue },
      });
      return { status, body, replayed: false };
    } catch (err) {
      await this.prisma.idempotencyRecord.delete({ where: { scope_key: { scope, key } } }).catch(() => undefined);
      throw err;
    }
  }

  /** Forgets keys older than the retention (housekeeping). */
  async purgeOlderThan(cutoff: Date): Promise<number> {
    const { count } = await this.prisma.idempotencyRecord.deleteMany({ where: { createdAt: { lt: cutoff } } });
    return count;
  }
}
