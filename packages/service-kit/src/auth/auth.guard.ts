import { ForbiddenException, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@wingxtra/contracts';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorators.js';
import { InvalidTokenError, TokenService } from './token.service.js';

/**
 * Global guard: every route needs a valid bearer token whose role the route allows (@Roles), unless it is
 * @Public. A route that declares neither is closed, so a forgotten decorator fails safe.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; principal?: unknown }>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new UnauthorizedException('Missing bearer token (Authorization: Bearer <JWT>)');
    let principal;
    try {
      principal = await this.tokens.verify(match[1]);
    } catch (err) {
      if (err instanceof InvalidTokenError) throw new UnauthorizedException(err.message);
      throw err;
    }
    request.principal = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];
    if (!roles.includes(principal.role)) {
      throw new ForbiddenException(`Role ${principal.role} may not do this${roles.length ? ` (allowed: ${roles.join(', ')})` : ''}`);
    }
    return true;
  }
}
