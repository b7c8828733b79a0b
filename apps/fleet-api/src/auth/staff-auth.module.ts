import { Global, Module, type DynamicModule } from '@nestjs/common';
import { JWT_SECRET, TokenService } from '@wingxtra/service-kit';
import type { FleetConfig } from '../config/fleet-config.js';
import { StaffAuthGuard } from './staff-auth.guard.js';

/**
 * delivery-service's bearer tokens for the registry routes: service-kit's TokenService under JWT_SECRET, without
 * AuthModule's global guard (fleet-api's older routes are open or take API keys). Without JWT_SECRET there is
 * no TokenService and StaffAuthGuard takes ADMIN_API_KEY only.
 */
@Global()
@Module({})
export class StaffAuthModule {
  static forRoot(config: FleetConfig): DynamicModule {
    const tokens = config.JWT_SECRET ? [{ provide: JWT_SECRET, useValue: config.JWT_SECRET }, TokenService] : [];
    return { module: StaffAuthModule, providers: [...tokens, StaffAuthGuard], exports: [...(tokens.length ? [TokenService] : []), StaffAuthGuard] };
  }
}
