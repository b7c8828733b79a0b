import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from '@wingxtra/testing';
import type { Browser } from 'playwright-core';
import type { UpdateRecord } from '../../src/features/fleet-map/utils/update-stats.js';
import { launchBrowser, screenshot, writeArtifact } from './support/browser.js';
import { JWT_SECRET, Stack } from './support/stack.js';
import { mintToken } from './support/tokens.js';

const DRONES = 10_000;

function fleet(round: number): object[] {
  const ts = new Date().toISOString();
  return Array.from({ length: DRONES }, (_, i) => ({
    schema_version: 1,
    drone_id: `WX-P${String(i).padStart(5, '0')}`,
    ts,
    position: { lat: 5.5 + Math.floor(i / 100) * 0.002 + round * 0.0001, lon: -0.3 + (i % 100) * 0.002, alt_m: 50 },
    attitude: { yaw_deg: (i * 37 + round * 10) % 360 },
    velocity: { groundspeed_mps: 10 },
    state: { armed: true, mode: 'AUTO' },
    battery: { remaining_pct: 80 },
  }));
}

async function postFleet(stack: Stack, round: number): Promise<void> {
  const packets = fleet(round);
  for (let i = 0; i < packets.length; i += 500) await stack.fleet.post(packets.slice(i, i + 500));
}

const summary = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
  return { n: s.length, median: +q(0.5).toFixed(1), p90: +q(0.9).toFixed(1), max: +(s[s.length - 1] ?? NaN).toFixed(1) };
};

/**
 * How long the fleet map takes to apply a full update of 10,000 drones (store update + canvas redraw, timed
 * with performance.now in the page). Printed and written to test-artifacts/map-performance.json; the figure
 * is reported, not asserted: timings belong to benchmarks.
 */
describe('fleet map with 10,000 drones', () => {
  let stack: Stack;
  let browser: Browser;

  beforeAll(async () => {
    stack = await Stack.start({ fleetEnv: { LATEST_CACHE_MS: '500' } });
    await postFleet(stack, 0);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('draws all 10,000 drones from the stream and the polls, and reports how long a full update takes', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    await page.goto(`${stack.web.url}/login#token=${mintToken(JWT_SECRET, { sub: 'ops-1', role: 'OPS' })}`);
    await page.waitForURL('**/ops/map');
    await page.getByText(`${DRONES} drones, 0 offline`).waitFor({ timeout: 60_000 });
    await eventually(async () => (await page.locator('.fleet-map .leaflet-container').getAttribute('data-drones-drawn')) === String(DRONES), 20_000, 200);

    // Every drone moves once: the stream brings the changes in 250 ms ticks.
    await postFleet(stack, 1);
    await page.waitForTimeout(3_000);
    // Polling: each answer is the whole fleet, applied and drawn at once.
    await page.getByLabel('Polling only').check();
    await eventually(async () => (await page.evaluate(() => window.__wingxtraFleetStats!.records.filter((r) => r.source === 'poll' && r.drones === 10_000).length)) >= 5, 30_000, 500);
    await screenshot(page, 'fleet-map-10000');

    const records: UpdateRecord[] = await page.evaluate(() => window.__wingxtraFleetStats!.records);
    const full = records.filter((r) => r.drones === DRONES);
    const stream = records.filter((r) => r.source === 'stream');
    expect(full.length).toBeGreaterThanOrEqual(5);
    expect(full.every((r) => r.total === DRONES)).toBe(true);
    const report = {
      measured_at: new Date().toISOString(),
      drones: DRONES,
      full_update_ms: { ...summary(full.map((r) => r.totalMs)), apply: summary(full.map((r) => r.applyMs)), draw: summary(full.map((r) => r.drawMs)) },
      stream_batch_ms: summary(stream.map((r) => r.totalMs)),
      stream_batch_drones: summary(stream.map((r) => r.drones)),
      browser: await browser.version(),
    };
    writeArtifact('map-performance.json', `${JSON.stringify(report, null, 2)}\n`);
    console.log(`fleet map, ${DRONES} drones: full update (apply + redraw) median ${report.full_update_ms.median} ms, p90 ${report.full_update_ms.p90} ms, max ${report.full_update_ms.max} ms over ${report.full_update_ms.n} updates (apply median ${report.full_update_ms.apply.median} ms, draw ${report.full_update_ms.draw.median} ms); stream batches of median ${report.stream_batch_drones.median} drones took median ${report.stream_batch_ms.median} ms`);
  });
});
