import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from '@wingxtra/testing';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot, watchPage } from './support/browser.js';
import { Stack } from './support/stack.js';
import { mintToken, } from './support/tokens.js';
import { JWT_SECRET } from './support/stack.js';

const OFFLINE_AFTER_S = 3;

/** Finds where a colour is drawn on the drone canvas (what a person would click), in page coordinates. */
/**
 * Where a colour is drawn on the drone canvas, in CSS pixels from the map container's top-left corner (the
 * canvas sits there). Relative, so a click through the container's locator lands on it even if something
 * above the map (an error notice, say) moved the map between this reading and the click.
 */
async function findDrawn(page: Page, rgb: [number, number, number]): Promise<{ x: number; y: number } | null> {
  return page.evaluate((c) => {
    const canvas = document.querySelector<HTMLCanvasElement>('canvas.drone-canvas')!;
    const ctx = canvas.getContext('2d')!;
    const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const box = canvas.getBoundingClientRect();
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i]! - c[0]) < 6 && Math.abs(data[i + 1]! - c[1]) < 6 && Math.abs(data[i + 2]! - c[2]) < 6 && data[i + 3]! > 200) {
        const px = (i / 4) % width;
        const py = Math.floor(i / 4 / width);
        return { x: (px * box.width) / width, y: (py * box.height) / height };
      }
    }
    return null;
  }, rgb);
}

describe('fleet map in a real browser', () => {
  let stack: Stack;
  let browser: Browser;
  let keepReporting: ReturnType<typeof setInterval> | undefined;

  beforeAll(async () => {
    stack = await Stack.start({ fleetEnv: { OFFLINE_AFTER_S: String(OFFLINE_AFTER_S) }, webEnv: { OFFLINE_AFTER_S: String(OFFLINE_AFTER_S) } });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    clearInterval(keepReporting);
    await browser?.close();
    await stack?.stop();
  });

  it('shows two drones posted to fleet-api, turns the silent one OFFLINE (grey), and opens a drone on click', async () => {
    const report = (id: string, lat: number, yaw: number) =>
      stack.fleet.post([
        {
          schema_version: 1,
          drone_id: id,
          ts: new Date().toISOString(),
          position: { lat, lon: -0.187, alt_m: 60 },
          attitude: { yaw_deg: yaw },
          velocity: { groundspeed_mps: 11 },
          state: { armed: true, mode: 'AUTO' },
          battery: { voltage_v: 22.1, remaining_pct: 67 },
          link: { rssi_dbm: -62 },
        },
      ]);
    await report('WX-DRN-001', 5.6037, 45);
    await report('WX-DRN-002', 5.6137, 180);
    // Only WX-DRN-002 keeps reporting: WX-DRN-001 falls silent.
    keepReporting = setInterval(() => void report('WX-DRN-002', 5.6137, 180).catch(() => undefined), 700);

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(`${stack.web.url}/login#token=${mintToken(JWT_SECRET, { sub: 'ops-1', role: 'OPS' })}`);
    await page.waitForURL('**/ops/map');

    const frame = page.locator('.fleet-map .leaflet-container');
    await eventually(async () => (await frame.getAttribute('data-drones-drawn')) === '2', 10_000, 100);
    await expect(page.locator('tr[data-drone="WX-DRN-001"] .status').textContent()).resolves.toBe('ONLINE');
    await expect(page.locator('tr[data-drone="WX-DRN-002"] .status').textContent()).resolves.toBe('ONLINE');
    await expect(page.locator('.feed').textContent()).resolves.toBe('Live (stream)');
    await screenshot(page, 'fleet-map-two-drones');

    await eventually(async () => (await page.locator('tr[data-drone="WX-DRN-001"] .status').textContent()) === 'OFFLINE', (OFFLINE_AFTER_S + 5) * 1000, 200);
    expect(await page.locator('tr[data-drone="WX-DRN-002"] .status').textContent()).toBe('ONLINE');
    await eventually(async () => (await frame.getAttribute('data-drones-offline')) === '1', 3_000, 100);
    expect(await findDrawn(page, [0x9e, 0x9e, 0x9e])).not.toBeNull(); // grey is on the canvas
    await expect(page.locator('.counts').textContent()).resolves.toBe('2 drones, 1 offline');
    await screenshot(page, 'fleet-map-one-offline');

    // Click where the blue (online) drone is drawn: its detail panel opens with its telemetry.
    // Once in a CI run on a loaded machine the panel did not open after the click; a second click is allowed
    // (a person would click again), a drone that never opens still fails.
    const detail = page.getByRole('complementary', { name: 'Drone WX-DRN-002' });
    for (let attempt = 1; ; attempt++) {
      const blue = await findDrawn(page, [0x15, 0x65, 0xc0]);
      expect(blue).not.toBeNull();
      await frame.click({ position: { x: blue!.x + 1, y: blue!.y + 1 } });
      const opened = await detail.waitFor({ timeout: 5_000 }).then(() => true, () => false);
      if (opened) break;
      if (attempt === 2) throw new Error('the detail panel of WX-DRN-002 did not open after two clicks on the drone');
      console.warn(`fleet map: no detail panel 5 s after clicking WX-DRN-002 at ${JSON.stringify(blue)}; clicking again`);
    }
    expect(await detail.textContent()).toContain('Battery67 %');
    expect(await detail.textContent()).toContain('Heading180 °');
    await eventually(async () => (await detail.textContent())?.includes('Source address127.0.0.1'), 8_000, 200);
    // The keyboard reaches every drone through the table.
    await page.locator('tr[data-drone="WX-DRN-001"] button').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('complementary', { name: 'Drone WX-DRN-001' }).waitFor();
    await screenshot(page, 'fleet-map-detail');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('keeps working on polling when the stream is switched off, and says so', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${stack.web.url}/login#token=${mintToken(JWT_SECRET, { sub: 'ops-1', role: 'OPS' })}`);
    await page.waitForURL('**/ops/map');
    await page.getByLabel('Polling only').check();
    await expect(page.locator('.feed').textContent()).resolves.toBe('Polling every 2 s');
    await eventually(async () => (await page.locator('.fleet-map .leaflet-container').getAttribute('data-drones-drawn')) === '2', 8_000, 100);
    await context.close();
  });

  it("serves fleet-api's own map page at GET / with both drones and the silent one offline", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${stack.fleet.url}/?tiles=${encodeURIComponent('http://127.0.0.1:9/{z}/{x}/{y}.png')}`);
    await page.locator('#drones tr[data-drone="WX-DRN-002"]').waitFor();
    expect(await page.locator('#drones tr[data-drone="WX-DRN-001"] .status').textContent()).toBe('OFFLINE');
    expect(await page.locator('#drones tr[data-drone="WX-DRN-002"] .status').textContent()).toBe('ONLINE');
    expect(await page.locator('.leaflet-overlay-pane canvas, .leaflet-overlay-pane path').count()).toBeGreaterThan(0);
    await page.locator('#drones tr[data-drone="WX-DRN-002"]').click();
    expect(await page.locator('#detail').textContent()).toContain('battery.remaining_pct67');
    // Phone-sized: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(page, 'fleet-api-dashboard-phone');
    await page.close();
  });
});
