import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { TELEMETRY_HISTORY_JOB, TELEMETRY_HISTORY_QUEUE, type HistoryPacket, type TelemetryHistoryJob } from '@wingxtra/contracts';
import { eventually } from '@wingxtra/testing';
import { HistoryProcessor } from '../src/history/history.processor.js';
import { toHistoryRow } from '../src/history/history-row.js';
import { TelemetryRawRepository } from '../src/history/telemetry-raw.repository.js';
import { SESSIONIZE_QUEUE, sessionizeJobId, type SessionizeJob } from '../src/sessions/session-queue.js';
import { AnalyticsStack, flightPackets } from './support/analytics-app.js';

const handoff = (p: object): HistoryPacket => ({ drone_id: (p as { drone_id: string }).drone_id, received_at: new Date().toISOString(), source_ip: null, packet: JSON.stringify(p) });

describe('a sessionizer run that stands aside for a history backlog', () => {
  let stack: AnalyticsStack;

  beforeAll(async () => {
    stack = await AnalyticsStack.start();
  });

  afterAll(() => stack.close());

  it('waits in the delayed set and sessionizes the drone once the backlog is stored, with no new telemetry', async () => {
    const history = stack.app.get(HistoryProcessor).worker;
    const sessionize = stack.app.get<Queue<SessionizeJob>>(getQueueToken(SESSIONIZE_QUEUE));
    // The drone's flight is stored; its sessionizer job is queued while other batches wait to be stored.
    const rows = flightPackets({ droneId: 'WX-BACKLOG-1', startMs: Date.now() - 120_000, hz: 5, flightS: 40, groundS: 15, v2: true }).map((p) => toHistoryRow(handoff(p))!);
    await stack.app.get(TelemetryRawRepository).insertBatch(rows);
    await history.pause(true);
    const queue = new Queue<TelemetryHistoryJob>(TELEMETRY_HISTORY_QUEUE, { connection: { url: stack.redis.url } });
    try {
      // A paused worker may still take the one job its pending fetch wakes up for; the next one waits.
      const backlog = (n: number) => ({ packets: flightPackets({ droneId: `WX-BACKLOG-${n}`, startMs: Date.now() - 60_000, hz: 1, flightS: 5, groundS: 0 }).map(handoff) });
      await queue.add(TELEMETRY_HISTORY_JOB, backlog(2));
      await new Promise((r) => setTimeout(r, 1000));
      await queue.add(TELEMETRY_HISTORY_JOB, backlog(3));
      await eventually(async () => (await queue.getJobCounts('waiting')).waiting === 1, 5000);
      await sessionize.add('sessionize', { drone_id: 'WX-BACKLOG-1' }, { jobId: sessionizeJobId('WX-BACKLOG-1'), removeOnComplete: true, removeOnFail: true });
      await eventually(async () => (await sessionize.getJob(sessionizeJobId('WX-BACKLOG-1')))!.attemptsStarted >= 1 && (await sessionize.getJobState(sessionizeJobId('WX-BACKLOG-1'))) === 'delayed', 10_000);
      expect((await stack.call('GET', '/api/v1/drones/WX-BACKLOG-1/flights')).body.items).toEqual([]);

      history.resume();
      const flight = await eventually(async () => {
        const res = await stack.call('GET', '/api/v1/drones/WX-BACKLOG-1/flights');
        return res.body.items?.[0]?.computed_at ? res.body.items[0] : undefined;
      }, 20_000);
      expect(flight).toMatchObject({ sample_count: 200, end_reason: 'throttle_idle' });
    } finally {
      history.resume();
      await queue.close();
    }
  });
});
