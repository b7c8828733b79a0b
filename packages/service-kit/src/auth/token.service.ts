import { webcrypto } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { jwtVerify, SignJWT, errors } from 'jose';
import { ROLES, type Role } from '@wingxtra/contracts';
import type { Principal } from './principal.js';

const MAX_VERIFIED_TOKENS = 10_000;

/** Injection token of the HS256 secret (AuthModule.forRoot provides it). */
export const JWT_SECRET = Symbol('JWT_SECRET');

export class InvalidTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidTokenError';
  }
}

/** HS256 bearer tokens with claims sub, role (CUSTOMER/MERCHANT/OPS/ADMIN) and merchant_id for merchants. */
@Injectable()
export class TokenService {
  private readonly key: Uint8Array;
  /** Imported once: importing the raw secret on every verification costs more than the HMAC itself. */
  private readonly cryptoKey: Promise<webcrypto.CryptoKey>;
  /** Tokens already verified, until they expire: a client sends the same token with every request. */
  private readonly verified = new Map<string, { principal: Principal; expiresAtMs: number }>();

  constructor(@Inject(JWT_SECRET) secret: string) {
    this.key = new TextEncoder().encode(secret);
    this.cryptoKey = webcrypto.subtle.importKey('raw', this.key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
  }

  async verify(token: string): Promise<Principal> {
    const known = this.verified.get(token);
    if (known && known.expiresAtMs > Date.now()) return known.principal;
    const { expiresAtMs, ...principal } = await this.verifyAfresh(token);
    if (this.verified.size >= MAX_VERIFIED_TOKENS) this.verified.clear();
    this.verified.set(token, { principal, expiresAtMs: expiresAtMs! });
    return principal;
  }

  private async verifyAfresh(token: string): Promise<Principal & { expiresAtMs?: number }> {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, await this.cryptoKey, { algorithms: ['HS256'], requiredClaims: ['exp', 'sub'] }));
    } catch (err) {
      if (err instanceof errors.JWTExpired) throw new InvalidTokenError('Token has expired');
      if (err instanceof errors.JWTClaimValidationFailed && err.reason === 'missing') throw new InvalidTokenError(`Token has no ${err.claim} claim`);
      throw new InvalidTokenError('Token is not valid');
    }
    const { sub, role, merchant_id } = payload as { sub?: unknown; role?: unknown; merchant_id?: unknown };
    if (typeof sub !== 'string' || !sub) throw new InvalidTokenError('Token has no subject (sub)');
    if (typeof role !== 'string' || !ROLES.includes(role as Role)) throw new InvalidTokenError(`Token role must be one of ${ROLES.join(', ')}`);
    if (role === 'MERCHANT' && (typeof merchant_id !== 'string' || !merchant_id)) throw new InvalidTokenError('Merchant tokens must carry merchant_id');
    return {
      sub,
      role: role as Role,
      ...(typeof merchant_id === 'string' ? { merchant_id } : {}),
      ...(typeof payload.exp === 'number' ? { expiresAtMs: payload.exp * 1000 } : {}),
    };
  }

  sign(principal: Principal, expiresIn: string | number = '12h'): Promise<string> {
    return signToken(this.key, principal, expiresIn);
  }
}

export function signToken(key: Uint8Array, principal: Principal, expiresIn: string | number = '12h'): Promise<string> {
  return new SignJWT({ role: principal.role, ...(principal.merchant_id ? { merchant_id: principal.merchant_id } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(principal.sub)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key);
}
