import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signing of GCS bridge → delivery-service mission events: HMAC-SHA256 over
 * `<timestamp>.<intent_id>.<raw body>` with the shared secret, sent as `x-wingxtra-signature: sha256=<hex>`
 * with `x-wingxtra-timestamp: <unix seconds>`. The intent id binds the body to the URL it was sent to; the
 * timestamp bounds replays (see docs/mission-intent.md). Node-only, hence its own entry point.
 */
export function signMissionEvent(secret: string, timestamp: number, intentId: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${intentId}.${rawBody}`).digest('hex')}`;
}

/** True when the signature matches and the timestamp is within maxSkewS of now. */
export function verifyMissionEvent(
  secret: string,
  timestamp: string | undefined,
  signature: string | undefined,
  intentId: string,
  rawBody: string,
  maxSkewS = 300,
  nowMs = Date.now(),
): boolean {
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > maxSkewS) return false;
  const expected = Buffer.from(signMissionEvent(secret, Number(timestamp), intentId, rawBody));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
