import { Global, Injectable, Module } from '@nestjs/common';
import { TokenService, type Principal } from '@wingxtra/service-kit';

/** Who delivery-service is when it calls other services (fleet-api's registry, analytics-worker's airspace tracks). */
export const SERVICE_PRINCIPAL: Principal = { sub: 'system:delivery-service', role: 'OPS' };

/** Lifetime of a service token, and how long before its end a new one is signed. */
const TOKEN_TTL_S = 300;
const RENEW_BEFORE_S = 60;

/**
 * The one source of delivery-service's own bearer tokens: HS256 under JWT_SECRET (which fleet-api and
 * analytics-worker share), role OPS, sub `system:delivery-service`, valid 5 minutes. One token is reused until a
 * minute before it expires, so a call never carries a token about to lapse and signing stays off the hot path.
 */
@Injectable()
export class ServiceTokenProvider {
  private current: { token: Promise<string>; renewAtMs: number } | null = null;

  constructor(private readonly tokens: TokenService) {}

  token(): Promise<string> {
    const now = Date.now();
    if (this.current === null || now >= this.current.renewAtMs) {
      const token = this.tokens.sign(SERVICE_PRINCIPAL, `${TOKEN_TTL_S}s`);
      const entry = { token, renewAtMs: now + (TOKEN_TTL_S - RENEW_BEFORE_S) * 1000 };
      this.current = entry;
      token.catch(() => {
        if (this.current === entry) this.current = null; // never keep a failure
      });
    }
    return this.current.token;
  }
}

@Global()
@Module({ providers: [ServiceTokenProvider], exports: [ServiceTokenProvider] })
export class ServiceTokenModule {}
