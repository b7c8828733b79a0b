import { createHmac, randomBytes } from 'node:crypto';
import { DRONE_KEY_PREFIX } from '@wingxtra/contracts';

/** A new drone API key: wxd_ and 256 random bits, base64url (47 characters). */
export function newDroneKey(): string {
  return `${DRONE_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/**
 * The stored form of a key: HMAC-SHA256 under DRONE_KEY_SECRET, hex. The keys are random 256-bit values, so
 * a fast keyed hash is enough (nothing to brute-force, unlike a password), and it keeps the ingest check a
 * microsecond; the secret means a copy of the table alone does not even confirm a key seen elsewhere
 * (docs/security.md).
 */
export function hashDroneKey(secret: string, key: string): string {
  return createHmac('sha256', secret).update(key).digest('hex');
}

/** What listings show of a key: wxd_ and the next 8 characters. */
export const keyPrefixOf = (key: string) => key.slice(0, DRONE_KEY_PREFIX.length + 8);
