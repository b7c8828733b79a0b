import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DeliveryConfig } from '../config/delivery-config.js';
import { SCHEDULED_JOBS, SCHEDULER_QUEUE } from '../missions/mission-queue.js';

/**
 * Registers the repeatable jobs (BullMQ job schedulers: one per name however many replicas start, so a
 * sweep runs once per interval across the deployment): dispatch, the telemetry progress sweep, and
 * housekeeping.
 */
@Injectable()
export class SchedulerService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Scheduler');

  constructor(
    private readonly config: DeliveryConfig,
    @InjectQueue(SCHEDULER_QUEUE) private readonly queue: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const schedules: Array<[string, number]> = [
      [SCHEDULED_JOBS.dispatch, this.config.DISPATCH_INTERVAL_S * 1000],
      [SCHEDULED_JOBS.progress, this.config.PROGRESS_INTERVAL_S * 1000],
      [SCHEDULED_JOBS.housekeeping, 30_000],
    ];
    try {
      for (const [name, every] of schedules) {
        await this.queue.upsertJobScheduler(name, { every }, { name, opts: { removeOnComplete: true, removeOnFail: 100 } });
      }
      this.logger.log(`scheduled ${schedules.map(([n, ms]) => `${n} every ${ms / 1000} s`).join(', ')}`);
    } catch (err) {
      // Redis away at start-up: the workers reconnect by themselves; the schedules are registered at the next start.
      this.logger.error(`could not register schedules: ${(err as Error).message}`);
    }
  }
}
