import { Injectable, Logger } from '@nestjs/common';
import { DeliveryApiClient } from '@wingxtra/contracts';
import { TokenService } from '@wingxtra/service-kit';
import { AnalyticsConfig } from '../config/analytics-config.js';

/**
 * Which delivery a flight flew: the drone's delivery job whose window overlaps the flight most, read from
 * delivery-service's API (never its tables) with a short-lived OPS token signed with the shared secret.
 * Without DELIVERY_API_URL, or while delivery-service is unreachable, flights stay unlinked (logged).
 */
@Injectable()
export class OrderLinkService {
  private readonly logger = new Logger('OrderLink');
  private readonly client: DeliveryApiClient | null;

  constructor(
    config: AnalyticsConfig,
    private readonly tokens: TokenService,
  ) {
    this.client = config.DELIVERY_API_URL ? new DeliveryApiClient({ baseUrl: config.DELIVERY_API_URL, timeoutMs: 3000 }) : null;
  }

  async orderFor(droneId: string, start: Date, end: Date): Promise<string | null> {
    if (!this.client) return null;
    try {
      this.client.token = await this.tokens.sign({ sub: 'system:analytics-worker', role: 'OPS' }, '5m');
      const { items } = await this.client.getJobWindows(droneId, start, end);
      let best: { order: string; overlap: number } | null = null;
      for (const job of items) {
        const from = Math.max(start.getTime(), Date.parse(job.started_at));
        const to = Math.min(end.getTime(), job.ended_at ? Date.parse(job.ended_at) : end.getTime());
        if (to > from && (!best || to - from > best.overlap)) best = { order: job.order_id, overlap: to - from };
      }
      return best?.order ?? null;
    } catch (err) {
      this.logger.warn(`could not link ${droneId}'s flight to a delivery: ${(err as Error).message}`);
      return null;
    }
  }
}
