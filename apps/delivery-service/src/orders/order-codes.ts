import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** 32 symbols without look-alikes (no 0/O, 1/I/L, U): 12 of them carry 60 random bits. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZab';
export const TRACKING_ID_LENGTH = 12;
export const TRACKING_ID_PATTERN = new RegExp(`^[${ALPHABET}]{${TRACKING_ID_LENGTH}}$`);

/** An unguessable public tracking id. */
export function newTrackingId(): string {
  const bytes = randomBytes(TRACKING_ID_LENGTH);
  let id = '';
  for (const b of bytes) id += ALPHABET[b & 31];
  return id;
}

/** A 6-digit delivery code for the customer. */
export function newOtp(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, '0');
}

/** Keyed hash of an OTP: the database never holds the code, and a stolen table cannot be reversed offline without the key. */
export function hashOtp(otp: string, key: string): string {
  return createHmac('sha256', key).update(`otp:${otp}`).digest('hex');
}

export function otpMatches(otp: string, hash: string, key: string): boolean {
  const a = Buffer.from(hashOtp(otp, key), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
