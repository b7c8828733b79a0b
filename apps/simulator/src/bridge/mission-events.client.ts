import { Logger } from '@nestjs/common';
import { MISSION_SIGNATURE_HEADER, MISSION_TIMESTAMP_HEADER, type MissionEventDto, type MissionEventResultDto } from '@wingxtra/contracts';
import { signMissionEvent } from '@wingxtra/contracts/node';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How the client retries (milliseconds), overridable for tests. */
export interface EventRetryPolicy {
  /** First wait after a 409, 503, 5xx or network error; doubles up to maxBackoffMs. */
  backoffMs: number;
  maxBackoffMs: number;
  /** Give up on an event after this long. */
  giveUpAfterMs: number;
  /** An event that arrived before delivery-service recorded the acceptance is sent again after this wait, as a new event. */
  notYetAcceptedWaitMs: number;
  notYetAcceptedTries: number;
}

export const DEFAULT_EVENT_RETRY: EventRetryPolicy = { backoffMs: 500, maxBackoffMs: 8000, giveUpAfterMs: 120_000, notYetAcceptedWaitMs: 1000, notYetAcceptedTries: 30 };

/** What became of a reported event. */
export type EventOutcome = { kind: 'answered'; result: MissionEventResultDto } | { kind: 'refused'; status: number; message: string } | { kind: 'gave_up'; reason: string };

/**
 * Posts mission events to delivery-service (POST /api/v1/missions/{intent_id}/events), signed with
 * GCS_BRIDGE_SECRET over `<timestamp>.<intent_id>.<raw body>`, one intent's events strictly in order. 409 and 503
 * (and 5xx, network errors) are retried with the same event_id, as docs/mission-intent.md asks; 400, 401 and 404
 * are logged and dropped. An event that delivery-service ignored because it has not recorded the acceptance yet
 * is sent again under a new event_id (an ignored event id is remembered as a duplicate).
 */
export class MissionEventsClient {
  private readonly logger = new Logger('MissionEvents');
  private readonly chains = new Map<string, Promise<unknown>>();

  constructor(
    private readonly baseUrl: string,
    private readonly secret: string,
    private readonly retry: EventRetryPolicy = DEFAULT_EVENT_RETRY,
  ) {}

  /** Queues the event behind the intent's earlier ones; resolves with what delivery-service made of it. */
  report(intentId: string, event: MissionEventDto): Promise<EventOutcome> {
    const previous = this.chains.get(intentId) ?? Promise.resolve();
    const next = previous.then(() => this.deliver(intentId, event));
    const tail = next.catch(() => undefined);
    this.chains.set(intentId, tail);
    void tail.then(() => {
      if (this.chains.get(intentId) === tail) this.chains.delete(intentId);
    });
    return next;
  }

  /** Waits until every queued event has been answered or given up on. */
  async drain(): Promise<void> {
    while (this.chains.size > 0) await Promise.all([...this.chains.values()]);
  }

  private async deliver(intentId: string, event: MissionEventDto): Promise<EventOutcome> {
    for (let attempt = 0; ; attempt++) {
      const body = attempt === 0 ? event : { ...event, event_id: `${event.event_id}:r${attempt}` };
      const outcome = await this.send(intentId, body);
      const early = outcome.kind === 'answered' && !outcome.result.applied && !outcome.result.duplicate && outcome.result.order_status === 'ASSIGNED';
      if (!early || attempt + 1 >= this.retry.notYetAcceptedTries) return outcome;
      await sleep(this.retry.notYetAcceptedWaitMs);
    }
  }

  private async send(intentId: string, event: MissionEventDto): Promise<EventOutcome> {
    const body = JSON.stringify(event);
    const url = `${this.baseUrl.replace(/\/+$/, '')}/api/v1/missions/${encodeURIComponent(intentId)}/events`;
    const until = Date.now() + this.retry.giveUpAfterMs;
    let wait = this.retry.backoffMs;
    let reason = '';
    do {
      const ts = Math.floor(Date.now() / 1000);
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [MISSION_TIMESTAMP_HEADER]: String(ts), [MISSION_SIGNATURE_HEADER]: signMissionEvent(this.secret, ts, intentId, body) },
          body,
          signal: AbortSignal.timeout(5000),
        });
        const text = await res.text();
        if (res.ok) return { kind: 'answered', result: JSON.parse(text) as MissionEventResultDto };
        reason = `HTTP ${res.status} ${text.slice(0, 300)}`;
        if (res.status !== 409 && res.status < 500) {
          this.logger.error(`event ${event.type} of intent ${intentId} refused: ${reason}`);
          return { kind: 'refused', status: res.status, message: text.slice(0, 300) };
        }
      } catch (err) {
        reason = `delivery-service unreachable: ${(err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message}`;
      }
      await sleep(wait);
      wait = Math.min(wait * 2, this.retry.maxBackoffMs);
    } while (Date.now() < until);
    this.logger.error(`event ${event.type} of intent ${intentId} given up after ${this.retry.giveUpAfterMs} ms: ${reason}`);
    return { kind: 'gave_up', reason };
  }
}
