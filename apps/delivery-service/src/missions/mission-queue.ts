/** delivery-service's own BullMQ queues (internal: no other process reads them). */
export const MISSION_PUBLISH_QUEUE = 'mission-publish';
export const PUBLISH_INTENT_JOB = 'publish-intent';
export interface PublishIntentJob {
  intent_id: string;
}

export const SCHEDULER_QUEUE = 'delivery-scheduler';
/** Repeatable jobs of the scheduler queue. */
export const SCHEDULED_JOBS = {
  dispatch: 'dispatch-run',
  progress: 'progress-sweep',
  housekeeping: 'housekeeping',
} as const;
