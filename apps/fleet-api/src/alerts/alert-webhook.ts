import { createHmac } from 'node:crypto';
import { UnrecoverableError } from 'bullmq';
import type { AlertWebhookDto } from '@wingxtra/contracts';

/** BullMQ queue of webhook deliveries (one job per alert transition). */
export const ALERT_WEBHOOK_QUEUE = 'fleet-alert-webhook';

/** sha256=<hex HMAC-SHA256 of the body under the secret>, sent as X-Wingxtra-Signature. */
export const signWebhook = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/**
 * POSTs one transition to ALERT_WEBHOOK_URL. Throws to make BullMQ retry (5xx, 408, 429, time-outs, network
 * errors); any other 4xx cannot succeed on retry and fails at once.
 */
export async function deliverWebhook(url: string, payload: AlertWebhookDto, secret: string | undefined, timeoutMs: number): Promise<void> {
  const body = JSON.stringify(payload);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'wingxtra-fleet-api', ...(secret ? { 'x-wingxtra-signature': signWebhook(secret, body) } : {}) },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const e = err as Error;
    throw new Error(e.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : `${e.message}${e.cause ? `: ${(e.cause as Error).message}` : ''}`);
  }
  await response.body?.cancel();
  if (response.ok) return;
  const message = `HTTP ${response.status} from ${new URL(url).host}`;
  if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) throw new UnrecoverableError(message);
  throw new Error(message);
}
