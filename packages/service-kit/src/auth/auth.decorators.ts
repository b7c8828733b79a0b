import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@wingxtra/contracts';
import type { Principal } from './principal.js';

export const PUBLIC_KEY = 'wx:public';
export const ROLES_KEY = 'wx:roles';

/** No token needed (health, docs, tracking, signed bridge callbacks). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The roles allowed to call a route. Routes with neither @Public nor @Roles are refused to everyone. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** The verified caller of the current request. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => ctx.switchToHttp().getRequest().principal);
