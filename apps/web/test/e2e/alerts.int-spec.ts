import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from '@wingxtra/testing';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot, watchPage } from './support/browser.js';
import { JWT_SECRET, Stack } from './support/stack.js';
import { mintToken } from './support/tokens.js';

const DRONE = 'WX-E2E-ALR';
const packet = (battery: number) => ({
  schema_version: 1,
  drone_id: DRONE,
  ts: new Date().toISOString(),
  position: { lat: 5.6037, lon: -0.187, alt_m: 60 },
  state: { armed: true, mode: 'AUTO' },
  battery: { voltage_v: 21.0, remaining_pct: battery },
});

describe('alerts in a real browser', () => {
  let stack: Stack;
  let browser: Browser;
  let droneKey = '';

  beforeAll(async () => {
    stack = await Stack.start({ registry: true, fleetEnv: { LOW_BATTERY_PCT: '20', LOW_BATTERY_CLEAR_PCT: '25' } });
    droneKey = (await stack.registerDrone(DRONE, 2, { lat: 5.6037, lon: -0.187 })).api_key;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('shows a low-battery alert raised by real telemetry live in the map panel, acknowledges it, greys it once cleared and focuses its drone', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(`${stack.web.url}/login#token=${mintToken(JWT_SECRET, { sub: 'ops-1', role: 'OPS' })}`);
    await page.waitForURL('**/ops/map');
    await page.getByRole('tab', { name: /^Alerts/ }).click();
    const panel = page.getByRole('region', { name: 'Alerts' });
    await panel.getByText('Live', { exact: true }).waitFor();
    await panel.getByText('No open alert.').waitFor();

    // The drone reports with its own key: first a healthy battery, then a low one.
    expect((await stack.postWithKey(droneKey, packet(55))).status).toBe(202);
    expect((await stack.postWithKey(droneKey, packet(12))).status).toBe(202);
    const item = panel.locator('li.alert').filter({ hasText: DRONE });
    await item.waitFor({ timeout: 15_000 });
    expect(await item.getAttribute('data-state')).toBe('active');
    expect(await item.textContent()).toContain('Low battery');
    expect(await item.textContent()).toContain('battery at 12%');
    await expect(page.getByRole('tab', { name: /^Alerts/ }).textContent()).resolves.toContain('Alerts (1)');
    expect(await panel.getByText('Live', { exact: true }).count()).toBe(1);
    await screenshot(page, 'alerts-panel-active');

    await item.getByRole('button', { name: 'Acknowledge' }).click();
    await eventually(async () => (await item.getAttribute('data-state')) === 'acknowledged', 5_000, 100);
    expect(await item.textContent()).toContain('Acknowledged by ops-1');
    const [stored] = (await stack.registry().listAlerts({ drone_id: DRONE })).items;
    expect(stored).toMatchObject({ rule: 'low_battery', state: 'acknowledged', acknowledged_by: 'ops-1' });

    // The battery recovers past the clearing level: the alert clears by itself and stays, greyed.
    expect((await stack.postWithKey(droneKey, packet(40))).status).toBe(202);
    await eventually(async () => (await item.getAttribute('data-state')) === 'cleared', 15_000, 100);
    expect(await item.getAttribute('class')).toContain('alert-cleared');
    expect(await item.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(138, 138, 138)');
    await screenshot(page, 'alerts-panel-cleared');

    // Clicking the alert's drone shows it on the map.
    await item.getByRole('button', { name: DRONE }).click();
    await page.getByRole('complementary', { name: `Drone ${DRONE}` }).waitFor();
    expect(await page.getByRole('tab', { name: /^Drones/ }).getAttribute('aria-selected')).toBe('true');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('lists the alert on the alerts page with its history, on a phone', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const problems = watchPage(page);
    await page.goto(`${stack.web.url}/login#token=${mintToken(JWT_SECRET, { sub: 'admin-1', role: 'ADMIN' })}`);
    await page.waitForURL('**/ops/map');
    await page.goto(`${stack.web.url}/ops/alerts?state=all&drone=${DRONE}`);
    const item = page.locator('li.alert').filter({ hasText: DRONE });
    await item.waitFor();
    expect(await item.getAttribute('data-state')).toBe('cleared');
    await page.goto(`${stack.web.url}/ops/alerts`);
    await page.getByText('No open alert: every drone is within its rules.').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(page, 'alerts-page-phone');
    expect(problems).toEqual([]);
    await page.close();
  });
});
