import { createHmac } from 'node:crypto';

/** An HS256 bearer token as delivery-service mints them (see its mint-token CLI), for the test's users. */
export function mintToken(secret: string, claims: { sub: string; role: 'MERCHANT' | 'OPS' | 'ADMIN'; merchant_id?: string }, ttlS = 3600): string {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ ...claims, iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + ttlS })}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}
