import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard.js';
import { JWT_SECRET, TokenService } from './token.service.js';

/**
 * Bearer-token auth for a service: every route needs a valid HS256 token whose role the route allows
 * (@Roles), unless it is @Public. The tokens are delivery-service's; every service shares JWT_SECRET.
 */
@Global()
@Module({})
export class AuthModule {
  static forRoot(secret: string): DynamicModule {
    return {
      module: AuthModule,
      providers: [{ provide: JWT_SECRET, useValue: secret }, TokenService, { provide: APP_GUARD, useClass: AuthGuard }],
      exports: [TokenService],
    };
  }
}
