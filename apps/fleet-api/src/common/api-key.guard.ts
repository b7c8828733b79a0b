import { ForbiddenException, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { FleetConfig } from '../config/fleet-config.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Throws 401 unless the presented X-API-Key equals the expected key (compared in constant time). */
function verifyKey(presented: unknown, expected: Buffer, refusal: string): void {
  if (presented === undefined) throw new UnauthorizedException('X-API-Key header is missing');
  if (typeof presented !== 'string' || !timingSafeEqual(digest(presented), expected)) throw new UnauthorizedException(refusal);
}

/**
 * Ingest: the global API_KEY (per-drone keys arrive with the drone registry). Called from the ingest route's
 * onRequest hook, before the body is read.
 */
@Injectable()
export class IngestKeyCheck {
  private readonly expected: Buffer;

  constructor(config: FleetConfig) {
    this.expected = digest(config.API_KEY);
  }

  verify(presented: unknown): void {
    verifyKey(presented, this.expected, 'X-API-Key is not valid');
  }
}

/** Admin endpoints: ADMIN_API_KEY only; the ingest key is refused. */
@Injectable()
export class AdminKeyGuard implements CanActivate {
  private readonly expected: Buffer | null;

  constructor(config: FleetConfig) {
    this.expected = config.ADMIN_API_KEY ? digest(config.ADMIN_API_KEY) : null;
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.expected) throw new ForbiddenException('Admin endpoints are disabled: ADMIN_API_KEY is not set');
    verifyKey(context.switchToHttp().getRequest<FastifyRequest>().headers['x-api-key'], this.expected, 'X-API-Key is not an admin key');
    return true;
  }
}
