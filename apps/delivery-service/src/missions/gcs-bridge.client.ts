import { Injectable } from '@nestjs/common';
import { GCS_BRIDGE_INTENTS_PATH, MISSION_SIGNATURE_HEADER, MISSION_TIMESTAMP_HEADER, type MissionIntentDto } from '@wingxtra/contracts';
import { signMissionEvent } from '@wingxtra/contracts/node';
import { DeliveryConfig } from '../config/delivery-config.js';

export type PublishOutcome = { kind: 'accepted' } | { kind: 'rejected'; reason: string } | { kind: 'retry'; reason: string };

/**
 * Publishes intents to the GCS bridge. 2xx or 409 (it has this intent already) is acceptance; other 4xx
 * (except 408/429) is a refusal not worth retrying; 5xx, 408, 429 and network errors are retried.
 */
@Injectable()
export class GcsBridgeClient {
  constructor(private readonly config: DeliveryConfig) {}

  async publish(intent: MissionIntentDto): Promise<PublishOutcome> {
    let res: Response;
    // Signed like the bridge's events (same secret, same scheme), so the bridge can refuse forged missions.
    const body = JSON.stringify(intent);
    const timestamp = Math.floor(Date.now() / 1000);
    try {
      res = await fetch(`${this.config.GCS_BRIDGE_URL.replace(/\/+$/, '')}${GCS_BRIDGE_INTENTS_PATH}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': intent.intent_id,
          [MISSION_TIMESTAMP_HEADER]: String(timestamp),
          [MISSION_SIGNATURE_HEADER]: signMissionEvent(this.config.GCS_BRIDGE_SECRET, timestamp, intent.intent_id, body),
        },
        body,
        signal: AbortSignal.timeout(this.config.GCS_BRIDGE_TIMEOUT_S * 1000),
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code;
      return { kind: 'retry', reason: `bridge unreachable: ${cause ?? (err as Error).message}` };
    }
    const text = (await res.text().catch(() => '')).slice(0, 300);
    if (res.ok || res.status === 409) return { kind: 'accepted' };
    if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) return { kind: 'rejected', reason: `bridge refused the intent: HTTP ${res.status} ${text}` };
    return { kind: 'retry', reason: `bridge answered HTTP ${res.status} ${text}` };
  }
}
