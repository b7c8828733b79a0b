import { Injectable } from '@nestjs/common';
import { jwtVerify, SignJWT, errors } from 'jose';
import { ROLES, type Role } from '@wingxtra/contracts';
import { DeliveryConfig } from '../config/delivery-config.js';
import type { Principal } from './principal.js';

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

  constructor(config: DeliveryConfig) {
    this.key = new TextEncoder().encode(config.JWT_SECRET);
  }

  async verify(token: string): Promise<Principal> {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'] }));
    } catch (err) {
      if (err instanceof errors.JWTExpired) throw new InvalidTokenError('Token has expired');
      throw new InvalidTokenError('Token is not valid');
    }
    const { sub, role, merchant_id } = payload as { sub?: unknown; role?: unknown; merchant_id?: unknown };
    if (typeof sub !== 'string' || !sub) throw new InvalidTokenError('Token has no subject (sub)');
    if (typeof role !== 'string' || !ROLES.includes(role as Role)) throw new InvalidTokenError(`Token role must be one of ${ROLES.join(', ')}`);
    if (role === 'MERCHANT' && (typeof merchant_id !== 'string' || !merchant_id)) throw new InvalidTokenError('Merchant tokens must carry merchant_id');
    return { sub, role: role as Role, ...(typeof merchant_id === 'string' ? { merchant_id } : {}) };
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
