import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually, getJson } from '@wingxtra/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, screenshot, watchPage } from './support/browser.js';
import { GcsBridge } from './support/gcs-bridge.js';
import { BRIDGE_SECRET, JWT_SECRET, Stack } from './support/stack.js';
import { mintToken } from './support/tokens.js';

const DRONE = 'WX-E2E-001';
const PICKUP = { lat: 5.6037, lon: -0.187 };
const DROPOFF = { lat: 5.6101, lon: -0.1712 };

/**
 * A delivery from end to end through the web app: a merchant creates the order, ops assign a drone and submit
 * the mission, the GCS bridge flies it (signed events, telemetry in fleet-api), ops record the proof, and the
 * customer's tracking page follows every step, on a phone.
 */
describe('a delivery through the web app', () => {
  let stack: Stack;
  let bridge: GcsBridge;
  let browser: Browser;
  const opsToken = mintToken(JWT_SECRET, { sub: 'ops-1', role: 'OPS' });
  const merchantToken = mintToken(JWT_SECRET, { sub: 'shop-1', role: 'MERCHANT', merchant_id: 'm-1' });
  let merchant: BrowserContext;
  let ops: BrowserContext;
  let customer: BrowserContext;
  let trackingId = '';
  let otp = '';
  let orderId = '';
  // The token lives in sessionStorage, one tab's: each person keeps their tab.
  let opsPage: Page;

  const report = (lat: number, lon: number, o: { armed?: boolean; speed?: number; yaw?: number } = {}) =>
    stack.fleet.post([
      {
        schema_version: 1,
        drone_id: DRONE,
        ts: new Date().toISOString(),
        position: { lat, lon, alt_m: o.armed ? 60 : 0 },
        attitude: { yaw_deg: o.yaw ?? 60 },
        velocity: { groundspeed_mps: o.speed ?? 0 },
        state: { armed: o.armed ?? false, mode: o.armed ? 'AUTO' : 'LOITER' },
        battery: { voltage_v: 22.4, remaining_pct: 95 },
        link: { rssi_dbm: -60 },
      },
    ]);

  beforeAll(async () => {
    bridge = await new GcsBridge(BRIDGE_SECRET).start();
    stack = await Stack.start({ delivery: { bridgeUrl: bridge.url } });
    bridge.deliveryUrl = stack.delivery!.url;
    await stack.registerDrone(DRONE, 5, PICKUP);
    await report(PICKUP.lat, PICKUP.lon);
    browser = await launchBrowser();
    merchant = await browser.newContext({ viewport: { width: 1280, height: 900 }, permissions: ['geolocation', 'clipboard-read', 'clipboard-write'], geolocation: { latitude: DROPOFF.lat, longitude: DROPOFF.lon, accuracy: 9 } });
    ops = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    customer = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await bridge?.stop();
  });

  async function signIn(context: BrowserContext, token: string, landing: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${stack.web.url}/login#token=${token}`);
    await page.waitForURL(`**${landing}`);
    return page;
  }

  it('lets a merchant create an order on the map with the customer location, and shows the code and tracking link once', async () => {
    const page = await signIn(merchant, merchantToken, '/merchant/orders');
    const problems = watchPage(page);
    await page.getByText('No orders yet.').waitFor();
    await page.getByRole('link', { name: 'New order', exact: true }).first().click();
    await page.waitForURL('**/merchant/orders/new');

    // The map picks the pickup: a click fills both fields.
    const map = page.locator('.pick-map .leaflet-container');
    const box = (await map.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const pickupLat = page.locator('#order-pickupLat');
    await expect(pickupLat.inputValue()).resolves.toMatch(/^5\.60\d+$/);
    await page.locator('#order-pickupLat').fill(String(PICKUP.lat));
    await page.locator('#order-pickupLng').fill(String(PICKUP.lon));

    // Validation speaks before anything is sent.
    await page.getByRole('button', { name: 'Create order' }).click();
    await page.getByText('Dropoff latitude is required').waitFor();

    // The customer's location (with its accuracy) becomes the dropoff.
    await page.getByRole('button', { name: "Use this device's location" }).click();
    await page.getByText(/accurate to ±9 m/).waitFor();
    await page.locator('#order-payloadType').fill('medicine');
    await page.locator('#order-payloadWeightKg').fill('1.2');
    await page.locator('#order-customerName').fill('Ama Mensah');
    await page.locator('#order-customerPhone').fill('+233201234567');
    await page.locator('#order-priority').selectOption('MEDICAL');
    await screenshot(page, 'merchant-new-order');
    await page.getByRole('button', { name: 'Create order' }).click();

    await page.getByRole('heading', { name: 'Order created' }).waitFor();
    trackingId = (await page.getByTestId('tracking-id').textContent())!;
    otp = (await page.getByTestId('otp').textContent())!;
    expect(trackingId).toMatch(/^[2-9A-HJKMNP-TV-Zab]{12}$/);
    expect(otp).toMatch(/^\d{6}$/);
    await page.getByRole('button', { name: 'Copy tracking link' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${stack.web.url}/t/${trackingId}`);
    await screenshot(page, 'merchant-order-created');

    const list = await getJson(`${stack.delivery!.url}/api/v1/orders`, { authorization: `Bearer ${merchantToken}` });
    const order = list.body.items[0];
    orderId = order.id;
    expect(order).toMatchObject({ public_tracking_id: trackingId, status: 'QUEUED', dropoff_accuracy_m: 9, dropoff_lat: DROPOFF.lat, merchant_id: 'm-1', priority: 'MEDICAL' });
    expect(order.dropoff_captured_at).not.toBeNull();

    await page.getByRole('link', { name: 'All my orders' }).click();
    await page.locator(`tr[data-order="${orderId}"]`).waitFor();
    expect(await page.locator(`tr[data-order="${orderId}"]`).textContent()).toContain('QUEUED');
    expect(problems).toEqual([]);
  });

  it("shows the customer the order as confirmed on a phone, and a clear page for an unknown link", async () => {
    const page = await customer.newPage();
    await page.goto(`${stack.web.url}/t/${trackingId}`);
    await page.getByTestId('tracking-status').waitFor();
    expect(await page.getByTestId('tracking-status').textContent()).toBe('QUEUED');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Your order is confirmed; a drone will be assigned shortly.');
    const unknown = await customer.newPage();
    await unknown.goto(`${stack.web.url}/t/ZZZZZZZZZZZZ`);
    await unknown.getByRole('heading', { name: "We can't find this delivery" }).waitFor();
    await screenshot(unknown, 'tracking-unknown-link');
    await unknown.close();
    await page.close();
  });

  it('lets ops assign a drone from the eligibility list, and the tracking page shows ASSIGNED', async () => {
    opsPage = await signIn(ops, opsToken, '/ops/map');
    const page = opsPage;
    const problems = watchPage(page);
    await page.getByRole('link', { name: 'Orders' }).click();
    await page.locator(`tr[data-order="${orderId}"] a`).click();
    await page.waitForURL(`**/orders/${orderId}`);
    await page.getByText('Assign a drone').click();
    const candidate = page.locator(`li[data-drone="${DRONE}"]`);
    await candidate.waitFor();
    expect(await candidate.textContent()).toContain('Eligible');
    await candidate.getByRole('radio').check();
    await page.getByLabel('Reason (recorded on the timeline)').fill('nearest drone, battery full');
    await page.getByRole('button', { name: `Assign ${DRONE}` }).click();
    await page.locator('.order-head .badge-assigned').waitFor();
    await page.locator('.timeline li[data-type="ASSIGNED"]').waitFor();
    expect(await page.locator('.timeline li[data-type="ASSIGNED"]').textContent()).toContain('Reason: nearest drone, battery full');
    await screenshot(page, 'ops-order-assigned');

    const track = await customer.newPage();
    await track.goto(`${stack.web.url}/t/${trackingId}`);
    await eventually(async () => (await track.getByTestId('tracking-status').textContent()) === 'ASSIGNED', 10_000, 200);
    expect(await track.getByRole('heading', { level: 1 }).textContent()).toBe('A drone has been assigned to your delivery.');
    await screenshot(track, 'tracking-assigned-phone');
    await track.close();
    expect(problems).toEqual([]);
  });

  it('submits the mission intent, follows the flight on the tracking page, records the OTP proof and shows DELIVERED', async () => {
    const page = opsPage;
    const problems = watchPage(page);
    await page.locator('summary', { hasText: 'Submit mission intent' }).click();
    await page.getByRole('button', { name: 'Submit mission intent' }).click();
    await page.getByText(/queued for the GCS bridge/).waitFor();
    await eventually(async () => bridge.intents.length === 1, 15_000, 100);
    const intentId = bridge.intents[0]!.intent_id;
    expect(bridge.intents[0]).toMatchObject({ order_id: orderId, drone_id: DRONE });
    await page.locator('.order-head .badge-mission_submitted').waitFor({ timeout: 15_000 });

    const track = await customer.newPage();
    await track.goto(`${stack.web.url}/t/${trackingId}`);
    await track.getByTestId('tracking-status').waitFor();

    // The bridge flies the mission; the drone reports its way to the dropoff.
    await report(PICKUP.lat, PICKUP.lon, { armed: true, speed: 0 });
    expect((await bridge.report(intentId, 'LAUNCHED')).status).toBe(200);
    const steps = 4;
    for (let i = 1; i <= steps; i++) {
      const f = i / (steps + 1);
      await report(PICKUP.lat + (DROPOFF.lat - PICKUP.lat) * f, PICKUP.lon + (DROPOFF.lon - PICKUP.lon) * f, { armed: true, speed: 12, yaw: 68 });
      if (i === 1) expect((await bridge.report(intentId, 'ENROUTE')).status).toBe(200);
      await new Promise((r) => setTimeout(r, 300));
    }
    await track.getByRole('button', { name: 'Refresh' }).click();
    await eventually(async () => (await track.getByTestId('tracking-status').textContent()) === 'ENROUTE', 10_000, 200);
    await track.locator('.tracking-map .drone-icon').waitFor();
    expect(await track.getByRole('heading', { level: 2, name: /^Drone [0-9A-F]{4} on the map$/ }).count()).toBe(1);
    expect(await track.locator('.eta').textContent()).toMatch(/^Arriving in (about \d+ min|less than a minute)\.$/);
    await screenshot(track, 'tracking-enroute-phone');

    await report(DROPOFF.lat, DROPOFF.lon, { armed: true, speed: 0 });
    expect((await bridge.report(intentId, 'ARRIVED', { lat: DROPOFF.lat, lng: DROPOFF.lon, alt_m: 15 })).status).toBe(200);
    await page.locator('summary', { hasText: 'Record proof of delivery' }).waitFor({ timeout: 15_000 });
    await page.locator('summary', { hasText: 'Record proof of delivery' }).click();
    await page.getByRole('textbox', { name: 'Delivery code (6 digits)' }).fill('000000' === otp ? '111111' : '000000');
    await page.getByRole('button', { name: 'Record delivery' }).click();
    await page.getByText(/The code is wrong/).waitFor(); // a wrong code is explained, with the attempts left
    expect(await page.locator('.pod-form ~ .error, .error').last().textContent()).toMatch(/attempts? left/);
    await page.getByRole('textbox', { name: 'Delivery code (6 digits)' }).fill(otp);
    await page.getByRole('button', { name: 'Record delivery' }).click();
    await page.locator('.order-head .badge-delivered').waitFor({ timeout: 15_000 });
    await page.getByRole('region', { name: 'Proof of delivery' }).waitFor();
    await screenshot(page, 'ops-order-delivered');

    await track.getByRole('button', { name: 'Refresh' }).click();
    await eventually(async () => (await track.getByTestId('tracking-status').textContent()) === 'DELIVERED', 10_000, 200);
    expect(await track.getByTestId('tracking-pod').textContent()).toMatch(/^Delivered at .+, confirmed by your delivery code\.$/);
    expect(await track.locator('.step-done').count()).toBe(6);
    await screenshot(track, 'tracking-delivered-phone');
    expect(problems).toEqual([]);
    await track.close();
  });

  it('works from the keyboard and fits a phone screen', async () => {
    const page = await customer.newPage();
    await page.goto(`${stack.web.url}/t/${trackingId}`);
    await page.getByTestId('tracking-status').waitFor();
    // Nothing is wider than the screen, and the status is in view without scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    const heading = (await page.getByRole('heading', { level: 1 }).boundingBox())!;
    expect(heading.y + heading.height).toBeLessThan(844);
    expect(await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize))).toBeGreaterThanOrEqual(16);
    // Tab reaches the Refresh button, its focus is visible, and Enter works it.
    let reached = false;
    for (let i = 0; i < 15 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.textContent === 'Refresh');
    }
    expect(reached).toBe(true);
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe('none');
    const before = await page.locator('.updated').textContent();
    const answered = page.waitForResponse((r) => r.url().includes(`/api/delivery/v1/tracking/${trackingId}`));
    await page.keyboard.press('Enter');
    expect((await answered).status()).toBe(200);
    expect(before).toMatch(/^Updated /);
    await screenshot(page, 'tracking-keyboard-focus');
    await page.close();
  });
});
