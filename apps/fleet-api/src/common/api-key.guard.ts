import { ForbiddenException, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { FleetConfig } from '../config/fleet-config.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Constant-time comparison of X-API-Key against one configured key. */
function keyMatches(presented: unknown, expected: Buffer): boolean {
  return typeof presented === 'string' && timingSafeEqual(digest(presented), expected);
}

/** Ingest: the global API_KEY (per-drone keys arrive with the drone registry). */
@Injectable()
export class IngestKeyGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(config: FleetConfig) {
    this.expected = digest(config.API_KEY);
  }

  canActivate(context: ExecutionContext): boolean {
    this.verify(context.switchToHttp().getRequest<FastifyRequest>().headers['x-api-key']);
    return true;
  }

  /** Throws UnauthorizedException unless the X-API-Key value is the ingest key. */
  verify(key: unknown): void {
    if (key === undefined) throw new UnauthorizedException('X-API-Key header is missing');
    if (!keyMatches(key, this.expected)) throw new UnauthorizedException('X-API-Key is not valid');
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
    const key = context.switchToHttp().getRequest<FastifyRequest>().headers['x-api-key'];
    if (key === undefined) throw new UnauthorizedException('X-API-Key header is missing');
    if (!keyMatches(key, this.expected)) throw new UnauthorizedException('X-API-Key is not an admin key');
    return true;
  }
}
