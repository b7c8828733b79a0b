import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import { GcsBridgeClient } from './gcs-bridge.client.js';
import { MISSION_PUBLISH_QUEUE, type PublishIntentJob } from './mission-queue.js';
import { MissionsService } from './missions.service.js';

/** Publishes mission intents to the GCS bridge; BullMQ retries with exponential backoff. */
@Processor(MISSION_PUBLISH_QUEUE, { concurrency: 4 })
export class MissionPublishProcessor extends WorkerHost {
  private readonly logger = new Logger('MissionPublish');

  constructor(
    private readonly missions: MissionsService,
    private readonly bridge: GcsBridgeClient,
  ) {
    super();
  }

  async process(job: Job<PublishIntentJob>): Promise<string> {
    const outcome = await this.missions.publishAttempt(job.data.intent_id, (intent) => this.bridge.publish(intent));
    if (outcome.kind === 'retry') throw new Error(outcome.reason);
    if (outcome.kind === 'rejected') throw new UnrecoverableError(outcome.reason);
    return outcome.kind;
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job<PublishIntentJob> | undefined, err: Error): Promise<void> {
    if (!job) return;
    const final = err instanceof UnrecoverableError || err.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
    this.logger.warn(`publish of intent ${job.data.intent_id} attempt ${job.attemptsMade} failed: ${err.message}${final ? ' (giving up)' : ''}`);
    if (final && err.name !== 'UnrecoverableError') await this.missions.publishGaveUp(job.data.intent_id, err.message).catch((e: Error) => this.logger.error(e.message));
  }
}
