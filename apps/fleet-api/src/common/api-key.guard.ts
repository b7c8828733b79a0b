import {
  ForbiddenException,
  Injectable,
  Optional,
  ServiceUnavailableException,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { DRONE_KEY_PREFIX } from '@wingxtra/contracts';
import { FleetConfig } from '../config/fleet-config.js';
import { DroneKeyCache } from '../registry/drone-key.cache.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Throws 401 unless the presented X-API-Key equals the expected key (compared in constant time). */
function verifyKey(presented: unknown, expected: Buffer, refusal: string): void {
  if (presented === undefined) throw new UnauthorizedException('X-API-Key header is missing');
  if (typeof presented !== 'string' || !timingSafeEqual(digest(presented), expected)) throw new UnauthorizedException(refusal);
}

/** Which drones a request may send for: one drone's id (its own key), or null for any (the global API_KEY). */
export type IngestScope = string | null;

/**
 * Ingest and heartbeats: a drone's own key (wxd_..., checked against DroneKeyCache's in-memory copy: a map
 * lookup, synchronous, no database) or, while ALLOW_GLOBAL_INGEST_KEY, the global API_KEY. Called from the
 * ingest route's onRequest hook, before the body is read.
 */
@Injectable()
export class IngestKeyCheck {
  private readonly globalKey: Buffer | null;

  constructor(
    config: FleetConfig,
    @Optional() private readonly droneKeys?: DroneKeyCache,
  ) {
    this.globalKey = config.ALLOW_GLOBAL_INGEST_KEY && config.API_KEY ? digest(config.API_KEY) : null;
  }

  /** The scope of the presented key; throws 401 for a missing or unknown key, 503 while drone keys have never loaded. */
  authorize(presented: unknown, nowMs: number): IngestScope {
    if (presented === undefined) throw new UnauthorizedException('X-API-Key header is missing');
    if (typeof presented !== 'string') throw new UnauthorizedException('X-API-Key is not valid');
    if (this.droneKeys !== undefined && presented.startsWith(DRONE_KEY_PREFIX)) {
      const key = this.droneKeys.lookup(presented);
      if (key !== null) {
        if (key.expiresAtMs !== 0 && nowMs >= key.expiresAtMs) {
          throw new UnauthorizedException(`X-API-Key was replaced by a newer key of drone ${key.droneId}; its grace period ended at ${new Date(key.expiresAtMs).toISOString()}`);
        }
        return key.droneId;
      }
      if (!this.droneKeys.loaded) throw new ServiceUnavailableException('Drone keys are not loaded yet (the registry database has not answered since start-up); retry shortly');
    }
    if (this.globalKey !== null && timingSafeEqual(digest(presented), this.globalKey)) return null;
    throw new UnauthorizedException('X-API-Key is not valid');
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
