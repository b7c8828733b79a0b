import { UnrecoverableError } from 'bullmq';
import type { FanoutTarget } from './fanout-target.js';

/** The BullMQ job of one delivery: packet JSON texts in stream order. */
export interface FanoutJob {
  packets: string[];
}

/**
 * POSTs one job's packets to a partner: the packet itself when the target's batch_size is 1 (the spec's
 * single-packet body), a JSON array otherwise. Throws to make BullMQ retry; a 4xx other than 408/429
 * cannot succeed on retry and fails at once.
 */
export async function deliver(target: FanoutTarget, job: FanoutJob, timeoutMs: number): Promise<void> {
  const body = target.batch_size === 1 && job.packets.length === 1 ? job.packets[0]! : `[${job.packets.join(',')}]`;
  let response: Response;
  try {
    response = await fetch(target.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'wingxtra-fleet-api', ...target.headers },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const e = err as Error;
    throw new Error(e.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : `${e.message}${e.cause ? `: ${(e.cause as Error).message}` : ''}`);
  }
  await response.body?.cancel();
  if (response.ok) return;
  const message = `HTTP ${response.status} from ${new URL(target.url).host}`;
  if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
    throw new UnrecoverableError(message);
  }
  throw new Error(message);
}
