import { ROLES, type Role } from '@wingxtra/contracts/client';

/** What the app reads from a bearer token. The services verify the signature; the app only routes by it. */
export interface Session {
  token: string;
  sub: string;
  role: Role;
  merchantId: string | null;
  /** Expiry, epoch ms. */
  expiresAt: number;
}

/** A token the app cannot use, with the reason in words. */
export class TokenError extends Error {
  override name = 'TokenError';
}

function base64UrlDecode(part: string): string {
  const b64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const binary = atob(b64);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/**
 * Reads a JWT's claims (sub, role, merchant_id, exp) without verifying it (the app holds no key). Refuses what
 * the services would refuse anyway: no exp, expired, no sub, a role they do not know, a merchant without
 * merchant_id, and a customer token (customers use their tracking link).
 */
export function decodeToken(raw: string, nowMs = Date.now()): Session {
  const token = raw.trim().replace(/^Bearer\s+/i, '');
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p))) {
    throw new TokenError('This is not a token: a JWT is three base64url parts separated by dots.');
  }
  let claims: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(base64UrlDecode(parts[1]!));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    claims = parsed as Record<string, unknown>;
  } catch {
    throw new TokenError('The token cannot be read: its middle part is not JSON claims.');
  }
  const { sub, role, merchant_id: merchantId, exp } = claims;
  if (typeof exp !== 'number') throw new TokenError('The token has no expiry (exp); the services refuse such tokens.');
  if (exp * 1000 <= nowMs) throw new TokenError(`The token expired at ${new Date(exp * 1000).toLocaleString()}. Ask for a new one.`);
  if (typeof sub !== 'string' || sub === '') throw new TokenError('The token names no user (sub).');
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
    throw new TokenError(`The token's role must be one of ${ROLES.join(', ')}${typeof role === 'string' ? `, not ${role}` : ''}.`);
  }
  if (role === 'CUSTOMER') throw new TokenError('Customer tokens have no pages here: customers follow their delivery with its tracking link.');
  if (role === 'MERCHANT' && (typeof merchantId !== 'string' || merchantId === '')) {
    throw new TokenError('A merchant token must carry merchant_id.');
  }
  return { token, sub, role: role as Role, merchantId: typeof merchantId === 'string' ? merchantId : null, expiresAt: exp * 1000 };
}

/** The token in a `#token=<jwt>` URL fragment (the demo launcher's one-click links), or null. */
export function tokenFromFragment(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const token = params.get('token');
  return token && token.trim() !== '' ? token.trim() : null;
}
