import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { IdempotencyService } from '../common/idempotency.service.js';
import { DispatchService } from '../dispatch/dispatch.service.js';
import { SCHEDULED_JOBS, SCHEDULER_QUEUE } from '../missions/mission-queue.js';
import { MissionsService } from '../missions/missions.service.js';
import { OrdersService } from '../orders/orders.service.js';
import { ProgressService } from '../progress/progress.service.js';

const IDEMPOTENCY_RETENTION_MS = 24 * 3600 * 1000;

/** Runs the scheduled jobs; each delegates to its service. */
@Processor(SCHEDULER_QUEUE, { concurrency: 1 })
export class SchedulerProcessor extends WorkerHost {
  private readonly logger = new Logger('Scheduler');

  constructor(
    private readonly dispatch: DispatchService,
    private readonly progress: ProgressService,
    private readonly orders: OrdersService,
    private readonly missions: MissionsService,
    private readonly idempotency: IdempotencyService,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case SCHEDULED_JOBS.dispatch: {
        const r = await this.dispatch.run();
        return { considered: r.orders_considered, assigned: r.assigned };
      }
      case SCHEDULED_JOBS.progress:
        return this.progress.sweep();
      case SCHEDULED_JOBS.housekeeping: {
        const queued = await this.orders.queueDue();
        const requeued = await this.missions.requeueStale();
        const purged = await this.idempotency.purgeOlderThan(new Date(Date.now() - IDEMPOTENCY_RETENTION_MS));
        if (queued || requeued) this.logger.log(`housekeeping: ${queued} scheduled orders queued, ${requeued} intents re-queued for publishing`);
        return { queued, requeued, purged };
      }
      default:
        this.logger.warn(`unknown scheduled job ${job.name}`);
        return null;
    }
  }
}
