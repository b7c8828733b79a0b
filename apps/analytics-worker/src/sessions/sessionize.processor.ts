import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DelayedError, type Job, type Queue } from 'bullmq';
import { withinMs } from '@wingxtra/service-kit';
import { AnalyticsConfig } from '../config/analytics-config.js';
import { SESSIONIZE_QUEUE, type SessionizeJob } from './session-queue.js';
import { SessionsService } from './sessions.service.js';

const SWEEP = 'sweep';

/** Runs per-drone sessionizer jobs and the sweep that re-checks drones with a flight under way. */
@Processor(SESSIONIZE_QUEUE, { concurrency: 4 })
export class SessionizeProcessor extends WorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Sessionizer');

  constructor(
    private readonly sessions: SessionsService,
    private readonly config: AnalyticsConfig,
    @InjectQueue(SESSIONIZE_QUEUE) private readonly queue: Queue<SessionizeJob>,
  ) {
    super();
  }

  private timer: NodeJS.Timeout | undefined;

  /**
   * One sweep schedule for the whole deployment (a BullMQ job scheduler), registered by every replica now
   * and every minute, so it comes back by itself if Redis was away at start or lost its data.
   */
  async onApplicationBootstrap(): Promise<void> {
    await this.register();
    this.timer = setInterval(() => void this.register(), 60_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async register(): Promise<void> {
    await withinMs(this.queue.upsertJobScheduler(SWEEP, { every: this.config.SESSIONIZE_DELAY_S * 1000 }, { name: SWEEP, opts: { removeOnComplete: true, removeOnFail: 100 } }), 5000).catch((err: Error) =>
      this.logger.warn(`could not register the sessionizer sweep: ${err.message}`),
    );
  }

  /**
   * A drone's run that stands aside for a history backlog goes back to the delayed set (same job id) instead of
   * completing: new batches of the drone within the delay share the pending job (HistoryService does not queue
   * it again), so dropping it would leave what they stored unsessionized until the drone sends again.
   */
  async process(job: Job<SessionizeJob>, token?: string): Promise<unknown> {
    if (job.name === SWEEP) return this.sessions.sweep();
    const result = await this.sessions.sessionizeWhenCaughtUp(job.data.drone_id);
    if ('postponed' in result) {
      await job.moveToDelayed(Date.now() + this.config.SESSIONIZE_DELAY_S * 1000, token);
      throw new DelayedError();
    }
    return result;
  }
}
