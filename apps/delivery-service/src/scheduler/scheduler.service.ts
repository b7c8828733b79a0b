import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { withinMs } from '@wingxtra/service-kit';
import type { Queue } from 'bullmq';
import { DeliveryConfig } from '../config/delivery-config.js';
import { SCHEDULED_JOBS, SCHEDULER_QUEUE } from '../missions/mission-queue.js';

/**
 * Registers the repeatable jobs (BullMQ job schedulers: one per name however many replicas start, so a
 * sweep runs once per interval across the deployment): dispatch, the telemetry progress sweep, and
 * housekeeping.
 */
@Injectable()
export class SchedulerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Scheduler');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly config: DeliveryConfig,
    @InjectQueue(SCHEDULER_QUEUE) private readonly queue: Queue,
  ) {}

  /** Registers now and again every minute: schedules lost with Redis's data come back by themselves. */
  async onApplicationBootstrap(): Promise<void> {
    await this.register(true);
    this.timer = setInterval(() => void this.register(false), 60_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async register(announce: boolean): Promise<void> {
    const schedules: Array<[string, number]> = [
      [SCHEDULED_JOBS.dispatch, this.config.DISPATCH_INTERVAL_S * 1000],
      [SCHEDULED_JOBS.progress, this.config.PROGRESS_INTERVAL_S * 1000],
      [SCHEDULED_JOBS.housekeeping, 30_000],
    ];
    try {
      for (const [name, every] of schedules) {
        await withinMs(this.queue.upsertJobScheduler(name, { every }, { name, opts: { removeOnComplete: true, removeOnFail: 100 } }), 2000);
      }
      if (announce) this.logger.log(`scheduled ${schedules.map(([n, ms]) => `${n} every ${ms / 1000} s`).join(', ')}`);
    } catch (err) {
      // Redis away: the workers reconnect by themselves and the next round registers the schedules.
      this.logger.warn(`could not register schedules (retrying within a minute): ${(err as Error).message}`);
    }
  }
}
