import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually, getJson } from '@wingxtra/testing';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot, watchPage } from './support/browser.js';
import { JWT_SECRET, Stack } from './support/stack.js';
import { mintToken } from './support/tokens.js';

const DRONE = 'WX-E2E-FLT';

/** A v2 flight of `flightS` seconds north at 10 m/s, then `groundS` seconds idle on the ground, at `hz`. */
function flight(startMs: number, hz: number, flightS: number, groundS: number): object[] {
  const out: object[] = [];
  for (let t = 0; t < (flightS + groundS) * 1000; t += 1000 / hz) {
    const flying = t < flightS * 1000;
    const metres = (Math.min(t, flightS * 1000) / 1000) * 10;
    out.push({
      schema_version: 2,
      drone_id: DRONE,
      ts: new Date(startMs + t).toISOString(),
      position: { lat: 5.6 + metres / 111_195, lon: -0.187, alt_m: flying ? 40 + 5 * Math.sin(t / 5000) : 0 },
      attitude: { yaw_deg: 0 },
      velocity: { groundspeed_mps: flying ? 10 : 0 },
      state: { armed: flying, mode: flying ? 'AUTO' : 'LAND' },
      battery: { voltage_v: 22.2 - t / 1e6, remaining_pct: 90 - (10 * Math.min(t, flightS * 1000)) / (flightS * 1000) },
      power: { current_a: flying ? 10 : 0.5, throttle: flying ? 0.6 : 0 },
    });
  }
  return out;
}

describe('flight analytics pages in a real browser', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  let flightId = '';
  const token = mintToken(JWT_SECRET, { sub: 'ops-1', role: 'OPS' });
  const startMs = Date.now() - 10 * 60_000;

  beforeAll(async () => {
    stack = await Stack.start({ analytics: true });
    const packets = flight(startMs, 4, 60, 30);
    for (let i = 0; i < packets.length; i += 500) await stack.fleet.post(packets.slice(i, i + 500));
    // The flight is cut once its idle tail is stored, and measured a moment later.
    flightId = await eventually(async () => {
      const res = await getJson(`${stack.analytics!.url}/api/v1/drones/${DRONE}/flights`, { authorization: `Bearer ${token}` });
      const f = res.body.items?.[0];
      return f?.computed_at ? (f.id as string) : undefined;
    }, 90_000, 500);
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${stack.web.url}/login#token=${token}`);
    await page.waitForURL('**/ops/map');
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it("lists a drone's flights and shows one with its track and altitude, speed, power and voltage charts", async () => {
    const problems = watchPage(page);
    await page.getByRole('link', { name: 'Flights' }).click();
    await page.locator('#flights-drone').fill(DRONE);
    await page.getByRole('button', { name: 'Show flights' }).click();
    const row = page.locator(`tr[data-flight="${flightId}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Throttle idle');
    expect(await row.textContent()).toMatch(/59\d m|600 m/);
    await row.getByRole('link').click();
    await page.waitForURL(`**/analytics/flights/${flightId}`);
    await page.getByRole('heading', { name: new RegExp(`^Flight of ${DRONE}`) }).waitFor();
    for (const chart of ['Altitude', 'Speed', 'Power', 'Voltage']) {
      await page.getByRole('img', { name: new RegExp(`^${chart} chart, \\d+ samples$`) }).locator('canvas').first().waitFor();
    }
    expect(await page.locator('.flight-map .leaflet-overlay-pane path').count()).toBeGreaterThan(0);
    expect(await page.locator('.flight-map .pin-start').count()).toBe(1);
    expect(await page.locator('dl.fields').textContent()).toContain('Energy per km');
    await screenshot(page, 'flight-detail');
    expect(problems).toEqual([]);
  });

  it('ranks the drone on the leaderboard and plays its history back', async () => {
    await page.getByRole('link', { name: 'Leaderboard' }).click();
    await page.getByRole('link', { name: DRONE }).waitFor();
    await screenshot(page, 'leaderboard');
    const from = new Date(startMs - 60_000).toISOString();
    const to = new Date(startMs + 120_000).toISOString();
    await page.goto(`${stack.web.url}/analytics/playback?drone=${DRONE}&from=${from}&to=${to}`);
    // A reload starts a new tab session only in a new tab: this one keeps its sign-in.
    await page.getByText(/^\d+ samples stored, \d+ shown\.$/).waitFor();
    await page.getByRole('button', { name: 'Play' }).click();
    await page.locator('.flight-map .drone-icon').waitFor();
    const at = await page.getByRole('slider', { name: 'Playback position' }).inputValue();
    await page.waitForTimeout(600);
    expect(Number(await page.getByRole('slider', { name: 'Playback position' }).inputValue())).toBeGreaterThan(Number(at));
    await screenshot(page, 'playback');
  });
});
