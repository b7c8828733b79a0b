import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from '@wingxtra/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, screenshot, watchPage } from './support/browser.js';
import { JWT_SECRET, Stack } from './support/stack.js';
import { mintToken } from './support/tokens.js';

const DRONE = 'WX-E2E-REG';
const packet = (battery = 80) => ({ schema_version: 1, drone_id: DRONE, ts: new Date().toISOString(), position: { lat: 5.6037, lon: -0.187, alt_m: 0 }, battery: { remaining_pct: battery } });

async function signIn(browser: Browser, stack: Stack, role: 'ADMIN' | 'OPS', viewport = { width: 1280, height: 900 }): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const problems = watchPage(page);
  await page.goto(`${stack.web.url}/login#token=${mintToken(JWT_SECRET, { sub: `${role.toLowerCase()}-1`, role })}`);
  await page.waitForURL('**/ops/map');
  return { context, page, problems };
}

describe('drone registry and geofences in a real browser', () => {
  let stack: Stack;
  let browser: Browser;

  beforeAll(async () => {
    stack = await Stack.start({ registry: true, fleetEnv: { DRONE_KEY_GRACE_S: '3600' } });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('lets an admin register a drone and see its key once, rotate it with a grace period, revoke the old one, put the drone in maintenance and deactivate it', async () => {
    const { context, page, problems } = await signIn(browser, stack, 'ADMIN');
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.web.url });
    await page.getByRole('link', { name: 'Drones' }).click();
    await page.getByText('No drone is registered yet.').waitFor();
    await page.getByRole('link', { name: 'Register a drone' }).click();
    await page.waitForURL('**/admin/drones/new');

    // A bad id is refused in words before anything is sent.
    await page.getByLabel('Drone ID').fill('wx e2e');
    await page.getByRole('button', { name: 'Register drone' }).click();
    await page.getByText(/^Drone ID must be 3 to 64 capital letters/).waitFor();

    await page.getByLabel('Drone ID').fill(DRONE);
    await page.getByLabel('Name', { exact: true }).fill('E2E hexa');
    await page.getByLabel('Type').selectOption('hexacopter');
    await page.getByLabel('Maximum payload (kg)').fill('3.5');
    // The home is picked on the map.
    const map = page.locator('.pick-map .leaflet-container');
    const box = (await map.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await eventually(async () => (await page.getByLabel('Home latitude').inputValue()) !== '', 3_000, 100);
    await page.getByRole('button', { name: 'Register drone' }).click();

    const keyBox = page.getByRole('textbox', { name: 'Key', exact: true });
    await keyBox.waitFor();
    const firstKey = await keyBox.inputValue();
    expect(firstKey).toMatch(/^wxd_[A-Za-z0-9_-]{43}$/);
    expect(await page.getByRole('alert').textContent()).toContain('shown only now and will not be shown again');
    await page.getByRole('button', { name: 'Copy key' }).click();
    await page.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(firstKey);
    await screenshot(page, 'registry-key-once');

    // The key is the drone's: fleet-api takes its telemetry.
    expect((await stack.postWithKey(firstKey, packet())).status).toBe(202);

    await page.getByRole('button', { name: 'I have stored the key' }).click();
    await page.waitForURL(`**/admin/drones/${DRONE}`);
    await page.getByRole('heading', { name: DRONE, exact: true }).waitFor();
    expect(await page.locator('body').textContent()).not.toContain(firstKey);
    await page.reload();
    await page.getByRole('heading', { name: 'API keys' }).waitFor();
    expect(await page.locator('body').textContent()).not.toContain(firstKey);
    const keyRows = page.locator('.keys-table tbody tr');
    await eventually(async () => (await keyRows.count()) === 1, 5_000, 100);
    expect(await keyRows.first().textContent()).toContain('current');

    // Rotate with one hour of grace: a new key, shown once; the old one keeps working meanwhile.
    await page.getByLabel('Old keys keep working for (hours)').fill('1');
    await page.getByRole('button', { name: 'Rotate key' }).click();
    await keyBox.waitFor();
    const secondKey = await keyBox.inputValue();
    expect(secondKey).toMatch(/^wxd_/);
    expect(secondKey).not.toBe(firstKey);
    expect(await page.locator('.one-time-key').textContent()).toContain(`${firstKey.slice(0, 12)}…) keeps working until`);
    await screenshot(page, 'registry-rotated');
    await page.getByRole('button', { name: 'I have stored the key' }).click();
    await keyBox.waitFor({ state: 'detached' });
    await eventually(async () => (await keyRows.count()) === 2, 5_000, 100);
    const oldRow = keyRows.filter({ hasText: firstKey.slice(0, 12) });
    expect(await oldRow.textContent()).toContain('replaced: works until');
    expect((await stack.postWithKey(firstKey, packet())).status).toBe(202);
    expect((await stack.postWithKey(secondKey, packet())).status).toBe(202);

    // Revoking the old key asks first, then ends it at once.
    await oldRow.getByRole('button', { name: 'Revoke' }).click();
    await oldRow.getByRole('button', { name: `Revoke ${firstKey.slice(0, 12)}…` }).click();
    await eventually(async () => (await oldRow.textContent())?.includes('revoked'), 5_000, 100);
    expect((await stack.postWithKey(firstKey, packet())).status).toBe(401);
    expect((await stack.postWithKey(secondKey, packet())).status).toBe(202);

    // Maintenance: asked first, then the status says so and the event is listed.
    await page.getByRole('button', { name: 'Start maintenance' }).click();
    await page.getByRole('button', { name: `Put ${DRONE} in maintenance` }).click();
    await eventually(async () => (await page.getByTestId('drone-status').textContent()) === 'Maintenance', 5_000, 100);
    await page.locator('[data-event-type="maintenance_on"]').waitFor({ timeout: 15_000 });
    expect((await stack.registry().getDrone(DRONE))?.maintenance).toBe(true);
    await screenshot(page, 'registry-maintenance');

    // Edit: only the name changes.
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Name', { exact: true }).fill('E2E hexa renamed');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('E2E hexa renamed · Hexacopter').waitFor();
    const saved = (await stack.registry().getDrone(DRONE))!;
    expect(saved).toMatchObject({ name: 'E2E hexa renamed', type: 'hexacopter', max_payload_kg: 3.5, maintenance: true });
    expect(saved.home).not.toBeNull();

    // Deactivation asks first and ends every key.
    await page.getByRole('button', { name: 'End maintenance' }).click();
    await eventually(async () => (await page.getByTestId('drone-status').textContent()) !== 'Maintenance', 5_000, 100);
    await page.getByRole('button', { name: 'Deactivate' }).click();
    await page.getByRole('button', { name: `Deactivate ${DRONE}` }).click();
    await eventually(async () => (await page.getByTestId('drone-status').textContent()) === 'Deactivated', 5_000, 100);
    expect((await stack.postWithKey(secondKey, packet())).status).toBe(401);
    await page.getByRole('button', { name: 'Reactivate' }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows ops the registry without keys or changes, on a phone', async () => {
    await stack.registerDrone('WX-E2E-OPS', 2, { lat: 5.61, lon: -0.18 });
    const { context, page, problems } = await signIn(browser, stack, 'OPS', { width: 390, height: 844 });
    await page.goto(`${stack.web.url}/admin/drones?inactive=true`);
    await page.locator('tr[data-drone="WX-E2E-OPS"]').waitFor();
    expect(await page.locator(`tr[data-drone="${DRONE}"]`).textContent()).toContain('Deactivated');
    expect(await page.getByRole('link', { name: 'Register a drone' }).count()).toBe(0);
    await page.locator('tr[data-drone="WX-E2E-OPS"] a').click();
    await page.getByRole('heading', { name: 'Companion computer' }).waitFor();
    expect(await page.getByText('Keys are shown to ADMIN only.').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Deactivate' }).count()).toBe(0);
    expect(await page.getByText('none received yet').count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(page, 'registry-ops-phone');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('lets an admin draw a no-fly zone on the map, which the fleet map then shows in red', async () => {
    const { context, page, problems } = await signIn(browser, stack, 'ADMIN');
    await page.getByRole('link', { name: 'Geofences' }).click();
    await page.getByRole('link', { name: 'Draw a geofence' }).click();
    await page.waitForURL('**/admin/geofences/new');
    const map = page.locator('.geofence-map .leaflet-container');
    const box = (await map.boundingBox())!;
    // Two points only: refused in words.
    for (const [fx, fy] of [[0.25, 0.3], [0.6, 0.3]] as const) await page.mouse.click(box.x + box.width * fx, box.y + box.height * fy);
    await page.getByLabel('Name').fill('E2E no-fly');
    await page.getByLabel('No-fly zone').check();
    await page.getByRole('button', { name: 'Create geofence' }).click();
    await page.getByText('Draw at least 3 points on the map (2 so far).').waitFor();
    for (const [fx, fy] of [[0.6, 0.7], [0.25, 0.7]] as const) await page.mouse.click(box.x + box.width * fx, box.y + box.height * fy);
    expect(await page.locator('.editor-controls').textContent()).toContain('4 points');
    await page.getByLabel(/Ceiling of the forbidden volume/).fill('120');
    await page.getByRole('button', { name: 'Create geofence' }).click();
    await page.waitForURL(/\/admin\/geofences\/[0-9a-f-]{36}$/);
    const fences = await stack.registry().listGeofences();
    expect(fences.items).toHaveLength(1);
    expect(fences.items[0]).toMatchObject({ name: 'E2E no-fly', kind: 'no_fly_zone', max_alt_m: 120, min_alt_m: null });
    expect(fences.items[0]!.geometry.coordinates[0]).toHaveLength(5);
    await screenshot(page, 'geofence-drawn');

    await page.getByRole('link', { name: 'Fleet map' }).click();
    await page.locator('.fleet-map path.geofence-no_fly_zone').waitFor();
    expect(await page.locator('.fleet-map path.geofence-no_fly_zone').getAttribute('fill')).toBe('#e53935');
    await screenshot(page, 'fleet-map-geofence');
    expect(problems).toEqual([]);
    await context.close();
  });
});
