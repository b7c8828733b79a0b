import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { FanoutHealthResponse, FanoutTargetsResponse } from '@wingxtra/contracts';
import { FleetConfig } from '../config/fleet-config.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { bullConnectionOptions } from '../redis/redis.module.js';
import { storeWithinMs } from '../common/store-unavailable.error.js';
import type { HandoffPacket } from '../relay/handoff-entry.js';
import { deliver, type FanoutJob } from './fanout-delivery.js';
import { FanoutStatsRepository } from './fanout-stats.repository.js';
import { fanoutQueueName, maskTarget, wantsDrone, type FanoutTarget } from './fanout-target.js';

/** Job states that make up a target's queue depth: waiting, running or retrying. */
const DEPTH_STATES = ['waiting', 'active', 'delayed', 'prioritized'] as const;
const depthOf = (counts: Record<string, number>) => DEPTH_STATES.reduce((sum, state) => sum + (counts[state] ?? 0), 0);

/**
 * Partner fan-out (fleet-api spec §3.5). Each target has its own BullMQ queue and worker, so a dead or
 * hanging partner only fills its own queue. Queues are made here rather than with @nestjs/bullmq's
 * decorators because the targets come from configuration.
 */
@Injectable()
export class FanoutService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(FanoutService.name);
  private readonly queues = new Map<string, Queue<FanoutJob, void, string>>();
  private readonly workers: Worker<FanoutJob>[] = [];

  constructor(
    private readonly config: FleetConfig,
    private readonly stats: FanoutStatsRepository,
    private readonly metrics: MetricsService,
  ) {}

  private get targets(): FanoutTarget[] {
    return this.config.FANOUT_ENABLED ? this.config.fanoutTargets : [];
  }

  onModuleInit(): void {
    const connection = bullConnectionOptions(this.config.REDIS_URL);
    for (const target of this.targets) {
      const name = fanoutQueueName(target.name);
      const queue = new Queue<FanoutJob, void, string>(name, {
        connection,
        defaultJobOptions: {
          attempts: this.config.FANOUT_MAX_RETRIES + 1,
          backoff: { type: 'exponential', delay: this.config.FANOUT_RETRY_BACKOFF_SECONDS * 1000 },
          removeOnComplete: 1000,
          removeOnFail: false, // exhausted deliveries are kept, countable and retryable by hand
        },
      });
      queue.on('error', () => undefined);
      this.queues.set(target.name, queue);
      const worker = new Worker<FanoutJob>(name, (job) => deliver(target, job.data, this.config.FANOUT_TIMEOUT_SECONDS * 1000), {
        connection,
        concurrency: this.config.FANOUT_CONCURRENCY,
      });
      worker.on('completed', (job: Job<FanoutJob>) => void this.stats.recordSuccess(target.name, job.data.packets.length, Date.now()).catch(() => undefined));
      worker.on('failed', (job: Job<FanoutJob> | undefined, err: Error) => {
        void this.stats.recordError(target.name, err.message, Date.now()).catch(() => undefined);
        const final = job && (err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1));
        if (final) this.logger.warn(`target ${target.name}: delivery ${job.id} failed for good: ${err.message}`);
      });
      worker.on('error', (err: Error) => this.logger.warn(`target ${target.name} worker: ${err.message}`));
      this.workers.push(worker);
    }
    this.metrics.gauge('fleet_fanout_queue_depth', 'Fan-out deliveries waiting, running or retrying, per target', ['target'], async (g) => {
      for (const [name, queue] of this.queues) {
        const counts = await storeWithinMs(queue.getJobCounts(...DEPTH_STATES), 1000).catch(() => undefined);
        if (counts) g.set({ target: name }, depthOf(counts));
      }
    });
    if (this.targets.length > 0) this.logger.log(`fan-out to ${this.targets.map((t) => t.name).join(', ')}`);
  }

  /** Adds the fan-out jobs for packets read from the hand-off stream; job ids derive from their stream keys. */
  async enqueue(packets: HandoffPacket[]): Promise<void> {
    for (const target of this.targets) {
      const wanted = packets.filter((p) => wantsDrone(target, p.droneId));
      const jobs = [];
      for (let i = 0; i < wanted.length; i += target.batch_size) {
        const chunk = wanted.slice(i, i + target.batch_size);
        jobs.push({ name: 'deliver', data: { packets: chunk.map((p) => p.json) }, opts: { jobId: `p-${chunk[0]!.key.replace('/', '-')}` } });
      }
      if (jobs.length > 0) await this.queues.get(target.name)!.addBulk(jobs);
    }
  }

  listTargets(): FanoutTargetsResponse {
    return { enabled: this.config.FANOUT_ENABLED, targets: this.config.fanoutTargets.map(maskTarget) };
  }

  async health(): Promise<FanoutHealthResponse> {
    const targets = await Promise.all(
      this.targets.map(async (target) => {
        const queue = this.queues.get(target.name)!;
        const [counts, stats] = await Promise.all([
          storeWithinMs(queue.getJobCounts(...DEPTH_STATES, 'failed'), 2000),
          this.stats.read(target.name),
        ]);
        const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
        return {
          name: target.name,
          delivered: stats.delivered,
          failed: counts.failed ?? 0,
          retrying: counts.delayed ?? 0,
          queue_depth: depthOf(counts),
          last_error: stats.lastError,
          last_error_at: iso(stats.lastErrorAtMs),
          last_success_at: iso(stats.lastSuccessAtMs),
        };
      }),
    );
    return { enabled: this.config.FANOUT_ENABLED, targets };
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}
