import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually, writeKitsConfig } from '@wingxtra/testing';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot, watchPage } from './support/browser.js';
import { FakeKit } from './support/fake-kit.js';
import { JWT_SECRET, Stack } from './support/stack.js';
import { mintToken } from './support/tokens.js';

/** One of our drones, which the kit also sees by its Remote ID: it must not be shown as other traffic. */
const OURS = 'WX-E2E-AIR';

describe('airspace in a real browser', () => {
  let stack: Stack;
  let browser: Browser;
  const kit = new FakeKit();

  beforeAll(async () => {
    await kit.start();
    kit.tracks = [
      { id: 'adsb-3c6444', kind: 'aircraft', lat: 5.612, lon: -0.19, heading: 274.5 },
      { id: 'drone-1581F5FJD228A00DB7Q1', kind: 'drone', lat: 5.598, lon: -0.181, heading: 127 },
      { id: `drone-${OURS}`, kind: 'drone', lat: 5.6037, lon: -0.187, heading: 0 },
    ];
    stack = await Stack.start({
      registry: true,
      analytics: true,
      analyticsEnv: {
        KITS_CONFIG: writeKitsConfig([{ id: 'kit-e2e', name: 'Field kit Alpha', url: kit.url, location: 'Accra test range' }]),
        POLL_INTERVAL: '0.5',
        STATUS_POLL_INTERVAL: '1',
        REQUEST_TIMEOUT: '1',
        MAX_RETRIES: '0',
        INITIAL_BACKOFF: '1',
        MAX_BACKOFF: '4',
        STALE_THRESHOLD: '30',
      },
    });
    await stack.registerDrone(OURS, 2, { lat: 5.6037, lon: -0.187 });
    await stack.fleet.report(OURS, { lat: 5.6037, lon: -0.187, alt_m: 50, armed: true, battery: 80 });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await kit.stop();
  });

  it("shows the kit's aircraft and drones on the ops map, not ours, and the kit online in the health panel; offline once the kit is down", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(`${stack.web.url}/login#token=${mintToken(JWT_SECRET, { sub: 'ops-1', role: 'OPS' })}`);
    await page.waitForURL('**/ops/map');

    const aircraft = page.locator('.fleet-map [data-track="adsb-3c6444"]');
    const otherDrone = page.locator('.fleet-map [data-track="drone-1581F5FJD228A00DB7Q1"]');
    await aircraft.waitFor({ timeout: 20_000 });
    await otherDrone.waitFor();
    expect(await aircraft.getAttribute('class')).toContain('traffic-aircraft');
    expect(await otherDrone.getAttribute('class')).toContain('traffic-drone');
    expect(await aircraft.locator('.traffic-glyph').getAttribute('style')).toContain('rotate(270deg)');
    expect(await aircraft.getAttribute('title')).toBe('Aircraft DLH572');
    // Our own drone is drawn by the fleet layer only, not as traffic.
    expect(await page.locator(`.fleet-map [data-track="drone-${OURS}"]`).count()).toBe(0);
    await eventually(async () => (await page.locator('.fleet-map .leaflet-container').getAttribute('data-drones-drawn')) === '1', 5_000, 100);
    await aircraft.hover();
    await page.getByText(/adsb via kit-e2e · seen \d+ s ago/).waitFor();

    // The layer can be switched off and on.
    await page.getByLabel('Other traffic').uncheck();
    await aircraft.waitFor({ state: 'detached' });
    await page.getByLabel('Other traffic').check();
    await aircraft.waitFor();

    await page.getByRole('tab', { name: 'Airspace' }).click();
    const card = page.locator('[data-kit="kit-e2e"]');
    await card.waitFor();
    await eventually(async () => (await card.locator('.kit-status').textContent()) === 'Online', 10_000, 200);
    expect(await card.textContent()).toContain('Field kit Alpha');
    expect(await card.textContent()).toContain('Accra test range');
    expect(await card.textContent()).toMatch(/Success rate100\.0 % \(\d+ of \d+ poll rounds\)/);
    expect(await card.textContent()).toContain('Last errornone');
    expect(await page.getByText(/^2 other aircraft or drones on the map \(1 of ours left out\)\.$/).count()).toBe(1);
    await screenshot(page, 'airspace-map-online');

    // The kit goes away: the panel says offline, with the error and the growing backoff.
    await kit.stop();
    await eventually(async () => (await card.locator('.kit-status').textContent()) === 'Offline', 20_000, 250);
    expect(await card.textContent()).toMatch(/Last error.*ECONNREFUSED/);
    expect(await card.textContent()).toMatch(/Next poll after ?[1-4] s \(\d+ failures? in a row\)/);
    expect(await card.getAttribute('class')).toContain('kit-offline');
    await screenshot(page, 'airspace-kit-offline');
    expect(problems).toEqual([]);
    await context.close();
  });
});
