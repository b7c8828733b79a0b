import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import { TELEMETRY_HISTORY_JOB, TELEMETRY_HISTORY_QUEUE, type TelemetryHistoryJob } from '@wingxtra/contracts';
import { eventually } from '@wingxtra/testing';
import { FlightsRepository } from '../src/api/flights.repository.js';
import { FlightsService } from '../src/api/flights.service.js';
import { SessionsRepository } from '../src/sessions/sessions.repository.js';
import { AnalyticsStack, flightPackets, postAll } from './support/analytics-app.js';

/** A drone's flights once every one of them has its metrics. */
async function measuredFlights(stack: AnalyticsStack, droneId: string, count: number) {
  return eventually(async () => {
    const res = await stack.call('GET', `/api/v1/drones/${droneId}/flights`);
    const items = res.body.items as Array<Record<string, any>> | undefined;
    return items && items.length === count && items.every((f) => f.computed_at) ? items : undefined;
  }, 30_000);
}

const ts = (p: object) => Date.parse((p as { ts: string }).ts);

describe('history that arrives late', () => {
  let stack: AnalyticsStack;

  beforeAll(async () => {
    stack = await AnalyticsStack.start();
  });

  afterAll(() => stack.close());

  it('joins the flight it belongs to: same flight, every sample, metrics recomputed', async () => {
    // 60 s of flight at 10 Hz; 5 s of it (50 samples, shorter than any gap or idle rule) arrive after the flight closed.
    const packets = flightPackets({ droneId: 'WX-LATE-1', startMs: Date.now() - 300_000, hz: 10, flightS: 60, groundS: 20, v2: true });
    const t0 = ts(packets[0]);
    const late = packets.filter((p) => ts(p) >= t0 + 20_000 && ts(p) < t0 + 25_000);
    await postAll(stack.fleet, packets.filter((p) => !late.includes(p)));
    const [before] = await measuredFlights(stack, 'WX-LATE-1', 1);
    expect(before.sample_count).toBe(550);

    await postAll(stack.fleet, late);
    const after = await eventually(async () => {
      const [f] = await measuredFlights(stack, 'WX-LATE-1', 1);
      return f.sample_count === 600 && f.computed_at !== before.computed_at ? f : undefined;
    }, 30_000);
    expect(after.id).toBe(before.id);
    expect(after.distance_m).toBeCloseTo(599, -1);
    expect(await stack.rawCount('WX-LATE-1')).toBe(packets.length);
  });

  it('merges the two flights a telemetry gap had cut once the missing samples arrive', async () => {
    // 200 s of flight; 90 s in the middle (longer than FLIGHT_GAP_S, 60 s) come late, after the gap cut it in two.
    const packets = flightPackets({ droneId: 'WX-LATE-2', startMs: Date.now() - 500_000, hz: 10, flightS: 200, groundS: 20, v2: true });
    const t0 = ts(packets[0]);
    const late = packets.filter((p) => ts(p) >= t0 + 50_000 && ts(p) < t0 + 140_000);
    await postAll(stack.fleet, packets.filter((p) => !late.includes(p)));
    const split = await measuredFlights(stack, 'WX-LATE-2', 2);
    expect(split.map((f) => f.end_reason).sort()).toEqual(['gap', 'throttle_idle']);
    const first = split.find((f) => f.end_reason === 'gap')!;

    await postAll(stack.fleet, late);
    // The late samples come in two requests; the first alone already closes the gap below FLIGHT_GAP_S.
    const merged = await eventually(async () => {
      const [f] = await measuredFlights(stack, 'WX-LATE-2', 1);
      return f.sample_count === 2000 ? f : undefined;
    }, 30_000);
    expect(merged).toMatchObject({ id: first.id, end_reason: 'throttle_idle', sample_count: 2000 });
    expect(merged.duration_s).toBeCloseTo(199.9, 1);
    expect(merged.distance_m).toBeCloseTo(1999, -1);
    const orphans = await stack.prisma.pool.query(`SELECT count(*)::int AS n FROM telemetry_raw WHERE drone_id = 'WX-LATE-2' AND flight_id IS NOT NULL AND flight_id <> $1`, [first.id]);
    expect(orphans.rows[0].n).toBe(0);
    expect(await stack.rawCount('WX-LATE-2')).toBe(packets.length);
  });

  it('re-cuts to the same flight, with no sample twice, when a stored batch is delivered again', async () => {
    const [f] = await measuredFlights(stack, 'WX-LATE-1', 1);
    const { rows } = await stack.prisma.pool.query<{ ts: Date }>(`SELECT ts FROM telemetry_raw WHERE drone_id = 'WX-LATE-1' ORDER BY ts LIMIT 100 OFFSET 100`);
    // The same packets handed off a second time, as after a crash between storing and acknowledging.
    const queue = new Queue<TelemetryHistoryJob>(TELEMETRY_HISTORY_QUEUE, { connection: { url: stack.redis.url } });
    try {
      await queue.add(TELEMETRY_HISTORY_JOB, {
        packets: rows.map((r) => ({ drone_id: 'WX-LATE-1', received_at: new Date().toISOString(), source_ip: null, packet: JSON.stringify({ schema_version: 1, drone_id: 'WX-LATE-1', ts: r.ts.toISOString() }) })),
      });
      await eventually(async () => (await stack.prisma.pool.query(`SELECT late_seq FROM drone_sessions WHERE drone_id = 'WX-LATE-1'`)).rows[0].late_seq > 1, 10_000);
    } finally {
      await queue.close();
    }
    await eventually(async () => (await stack.prisma.pool.query(`SELECT late_from IS NULL AND recut_from IS NULL AS done FROM drone_sessions WHERE drone_id = 'WX-LATE-1'`)).rows[0].done, 10_000);
    const [again] = await measuredFlights(stack, 'WX-LATE-1', 1);
    expect(again).toMatchObject({ id: f.id, sample_count: 600 });
    expect(await stack.rawCount('WX-LATE-1')).toBe(800);
  });

  it('shows a measured flight as unmeasured once late samples change it, and stores no metrics measured from what it was', async () => {
    const packets = flightPackets({ droneId: 'WX-LATE-3', startMs: Date.now() - 400_000, hz: 10, flightS: 30, groundS: 20, v2: true });
    await postAll(stack.fleet, packets);
    const [measured] = await measuredFlights(stack, 'WX-LATE-3', 1);
    const flights = stack.app.get(FlightsRepository);
    const seen = (await flights.find(measured.id))!;

    // What the sessionizer does when late samples move the flight's end: the metrics stored are of the old one.
    await stack.app.get(SessionsRepository).closeFlight('WX-LATE-3', { startMs: seen.startTs.getTime(), endMs: seen.endTs.getTime() + 5_000, reason: seen.endReason });
    const [changed] = (await stack.call('GET', '/api/v1/drones/WX-LATE-3/flights')).body.items;
    expect(changed.computed_at).toBeNull();
    expect(changed.sample_count).toBeGreaterThan(measured.sample_count);

    // A metrics job that had read the flight before the change stores nothing and measures it again.
    expect(await flights.saveMetricsIfUnchanged(seen, { durationS: 1 })).toBe(false);
    expect((await flights.find(measured.id))!.durationS).toBe(seen.durationS);
    const remeasured = await stack.app.get(FlightsService).computeMetrics(measured.id);
    expect(remeasured.computedAt).not.toBeNull();
    expect(remeasured.sampleCount).toBe(changed.sample_count);
    expect(remeasured.durationS!).toBeGreaterThan(seen.durationS!);
  });
});

