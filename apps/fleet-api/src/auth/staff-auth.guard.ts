import { ForbiddenException, Injectable, Optional, SetMetadata, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Role } from '@wingxtra/contracts';
import { InvalidTokenError, ROLES_KEY, TokenService, type Principal } from '@wingxtra/service-kit';
import { FleetConfig } from '../config/fleet-config.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Routes that may also take the token as ?access_token= (Server-Sent Events: EventSource sends no headers). */
export const TOKEN_IN_QUERY = 'wx:token-in-query';
export const TokenInQuery = () => SetMetadata(TOKEN_IN_QUERY, true);

/** The principal ADMIN_API_KEY acts as. */
export const ADMIN_KEY_PRINCIPAL: Principal = { sub: 'admin-api-key', role: 'ADMIN' };

/**
 * Registry, geofence and alert routes: a bearer JWT of delivery-service (service-kit's TokenService, HS256
 * under JWT_SECRET) whose role the route allows (@Roles), or X-API-Key: ADMIN_API_KEY, which acts as ADMIN
 * (for automation). Applied per controller rather than globally, because fleet-api's other routes (ingest,
 * the open telemetry reads, fan-out's admin key) have their own rules. A route without @Roles is closed.
 */
@Injectable()
export class StaffAuthGuard implements CanActivate {
  private readonly adminKey: Buffer | null;

  constructor(
    private readonly reflector: Reflector,
    config: FleetConfig,
    @Optional() private readonly tokens?: TokenService,
  ) {
    this.adminKey = config.ADMIN_API_KEY ? digest(config.ADMIN_API_KEY) : null;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; query?: Record<string, unknown>; principal?: Principal }>();
    const principal = await this.authenticate(request, this.reflector.getAllAndOverride<boolean>(TOKEN_IN_QUERY, targets) === true);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];
    if (!roles.includes(principal.role)) {
      throw new ForbiddenException(`Role ${principal.role} may not do this${roles.length ? ` (allowed: ${roles.join(', ')})` : ''}`);
    }
    request.principal = principal;
    return true;
  }

  private async authenticate(request: { headers: Record<string, string | undefined>; query?: Record<string, unknown> }, queryToken: boolean): Promise<Principal> {
    const header = request.headers.authorization;
    const fromQuery = queryToken && typeof request.query?.access_token === 'string' ? request.query.access_token : undefined;
    if (header !== undefined || fromQuery !== undefined) {
      const token = fromQuery ?? /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
      if (!token) throw new UnauthorizedException('Authorization must be Bearer <JWT>');
      if (!this.tokens) throw new UnauthorizedException('Bearer tokens are not accepted: JWT_SECRET is not set on fleet-api');
      try {
        return await this.tokens.verify(token);
      } catch (err) {
        if (err instanceof InvalidTokenError) throw new UnauthorizedException(err.message);
        throw err;
      }
    }
    const key = request.headers['x-api-key'];
    if (key !== undefined) {
      if (this.adminKey && timingSafeEqual(digest(key), this.adminKey)) return ADMIN_KEY_PRINCIPAL;
      throw new UnauthorizedException('X-API-Key is not the admin key');
    }
    throw new UnauthorizedException('Missing credentials: Authorization: Bearer <JWT> (OPS or ADMIN), or X-API-Key: ADMIN_API_KEY');
  }
}
