import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { sleep } from '@wingxtra/testing';
import { DeliveryStack, PICKUP } from './support/delivery-app.js';

/** A point `km` kilometres north of the pickup. */
const north = (km: number) => ({ lat: PICKUP.lat + km / 111.2, lon: PICKUP.lng });

describe('dispatch', () => {
  let stack: DeliveryStack;

  beforeAll(async () => {
    // A short online window, so a test can let a drone fall silent.
    stack = await DeliveryStack.start({ ONLINE_WITHIN_S: '3' });
  });

  afterAll(() => stack.close());

  /** Each test starts with no queued orders and no drones able to fly. */
  beforeEach(async () => {
    await stack.prisma.order.updateMany({ where: { status: { in: ['QUEUED', 'ASSIGNED'] } }, data: { status: 'CANCELED' } });
    await stack.prisma.deliveryJob.updateMany({ where: { status: 'ACTIVE' }, data: { status: 'CANCELED' } });
    await stack.deactivateAllDrones();
  });

  /** A drone registered in fleet-api's registry (3 kg unless told) and reporting there. */
  async function drone(id: string, where: { lat: number; lon: number }, battery = 90, registered: { maxPayloadKg?: number; home?: { lat: number; lon: number }; maintenance?: boolean } = {}) {
    await stack.registerDrone(id, registered.maxPayloadKg ?? 3, { home: registered.home, maintenance: registered.maintenance });
    await stack.fleet.report(id, { ...where, battery });
  }

  const run = async () => {
    const res = await stack.call('POST', '/api/v1/dispatch/run', {});
    expect(res.status).toBe(200);
    return res.body;
  };

  it('gives the order the eligible drone nearest its pickup', async () => {
    await drone('WX-D-FAR', north(4));
    await drone('WX-D-NEAR', north(0.5));
    const order = await stack.createOrder();
    const result = await run();
    const decision = result.decisions.find((d: { order_id: string }) => d.order_id === order.id);
    expect(decision).toMatchObject({ assigned: true, drone_id: 'WX-D-NEAR', reasons: [] });
    expect(decision.time_to_pickup_s).toBeCloseTo(500 / 15, 0);
    const fetched = await stack.call('GET', `/api/v1/orders/${order.id}`);
    expect(fetched.body).toMatchObject({ status: 'ASSIGNED', active_job: { drone_id: 'WX-D-NEAR', status: 'ACTIVE', attempt: 1 } });
    const events = await stack.call('GET', `/api/v1/orders/${order.id}/events`);
    expect(events.body.items.at(-1)).toMatchObject({ type: 'ASSIGNED', actor: { id: 'ops-1' }, payload: { drone_id: 'WX-D-NEAR' } });
  });

  it('serves MEDICAL before URGENT before NORMAL, oldest first within a priority', async () => {
    await drone('WX-D-ONLY', north(1));
    const normal = await stack.createOrder({ priority: 'NORMAL' });
    const urgent = await stack.createOrder({ priority: 'URGENT' });
    const medical = await stack.createOrder({ priority: 'MEDICAL' });
    const result = await run();
    expect(result.decisions.map((d: { order_id: string }) => d.order_id)).toEqual([medical.id, urgent.id, normal.id]);
    expect(result.decisions[0]).toMatchObject({ assigned: true, drone_id: 'WX-D-ONLY' });
    expect(result.decisions[1].assigned).toBe(false);
    expect(result.decisions[1].reasons[0]).toMatch(/1 on another delivery/);
  });

  it('skips drones that are offline, in maintenance, too weak or short of battery, and says so', async () => {
    await drone('WX-D-OFF', north(0.1), 99);
    await sleep(3200); // silent longer than ONLINE_WITHIN_S
    await drone('WX-D-MAINT', north(0.2), 95, { maintenance: true });
    await drone('WX-D-WEAK', north(0.3), 95, { maxPayloadKg: 0.5 });
    await drone('WX-D-LOWBAT', north(0.4), 30);
    const order = await stack.createOrder();
    const result = await run();
    const decision = result.decisions.find((d: { order_id: string }) => d.order_id === order.id);
    expect(decision.assigned).toBe(false);
    expect(decision.reasons[0]).toMatch(/^no eligible drone among \d+:/);
    for (const words of ['in maintenance', 'cannot lift the payload', 'short of battery for the trip', 'offline']) expect(decision.reasons[0]).toContain(words);
    const candidates = await stack.call('GET', `/api/v1/orders/${order.id}/candidates`);
    const byId = Object.fromEntries(candidates.body.items.map((c: { drone_id: string }) => [c.drone_id, c]));
    expect(byId['WX-D-MAINT'].reasons).toContain('in maintenance (fleet registry)');
    expect(byId['WX-D-WEAK'].reasons).toContain('payload 1.2 kg exceeds its 0.5 kg capacity');
    expect(byId['WX-D-LOWBAT'].reasons[0]).toMatch(/^battery 30% is below the [\d.]+% a [\d.]+ km trip needs \(reserve 25%\)$/);
    expect(byId['WX-D-OFF'].reasons[0]).toMatch(/^offline \(last seen [34] s ago\)$/);
  });

  it('counts the whole trip, drone to pickup to dropoff to home, against the battery', async () => {
    // 8 km out to the pickup: 8 + 1.6 + 1.6 (home is the pickup's neighbourhood) ≈ 11 km × 4 %/km + 25 % ≈ 70 %.
    await drone('WX-D-TRIP', north(8), 60, { home: { lat: 5.6137, lon: -0.177 } });
    const order = await stack.createOrder();
    const candidate = (await stack.call('GET', `/api/v1/orders/${order.id}/candidates`)).body.items.find((c: { drone_id: string }) => c.drone_id === 'WX-D-TRIP');
    expect(candidate.eligible).toBe(false);
    expect(candidate.required_battery_pct).toBeGreaterThan(60);
    await stack.fleet.report('WX-D-TRIP', { ...north(8), battery: 80 });
    expect((await run()).assigned).toBe(1);
  });

  it('never gives one drone two jobs when dispatch runs concurrently', async () => {
    for (let i = 0; i < 5; i++) await drone(`WX-D-C${i}`, north(0.1 * (i + 1)));
    const orders = [];
    for (let i = 0; i < 12; i++) orders.push(await stack.createOrder());
    const results = await Promise.all(Array.from({ length: 4 }, () => run()));
    const total = results.reduce((n, r) => n + r.assigned, 0);
    expect(total).toBe(5);
    const active = await stack.prisma.deliveryJob.findMany({ where: { status: 'ACTIVE' } });
    expect(active).toHaveLength(5);
    expect(new Set(active.map((j) => j.assignedDroneId)).size).toBe(5);
    expect(new Set(active.map((j) => j.orderId)).size).toBe(5);
    const assigned = await stack.prisma.order.count({ where: { id: { in: orders.map((o) => o.id) }, status: 'ASSIGNED' } });
    expect(assigned).toBe(5);
  });

  it('lets OPS assign a named drone with a reason, warning about soft rules but refusing hard ones', async () => {
    await drone('WX-D-MAN', north(1), 20);
    await drone('WX-D-BUSY', north(1));
    const busyOrder = await stack.createOrder();
    await stack.call('POST', `/api/v1/orders/${busyOrder.id}/assign`, { drone_id: 'WX-D-BUSY', reason: 'keep it busy' });
    const order = await stack.createOrder();
    const refused = await stack.call('POST', `/api/v1/orders/${order.id}/assign`, { drone_id: 'WX-D-BUSY', reason: 'try the busy one' });
    expect(refused.status).toBe(422);
    expect(refused.body.message).toBe('Drone WX-D-BUSY cannot take this order: on another delivery');
    const ok = await stack.call('POST', `/api/v1/orders/${order.id}/assign`, { drone_id: 'WX-D-MAN', reason: 'customer asked for speed' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'ASSIGNED', active_job: { drone_id: 'WX-D-MAN' } });
    const last = (await stack.call('GET', `/api/v1/orders/${order.id}/events`)).body.items.at(-1);
    expect(last).toMatchObject({ type: 'ASSIGNED', message: 'Assigned manually: customer asked for speed', payload: { manual: true } });
    expect(last.payload.warnings[0]).toMatch(/^battery 20%/);
    const noReason = await stack.call('POST', `/api/v1/orders/${order.id}/assign`, { drone_id: 'WX-D-MAN' });
    expect(noReason.status).toBe(400);
  });

  it('reassigns an ASSIGNED order, replacing its job, with both steps on the timeline', async () => {
    await drone('WX-D-R1', north(1));
    await drone('WX-D-R2', north(2));
    const order = await stack.createOrder();
    await stack.call('POST', `/api/v1/orders/${order.id}/assign`, { drone_id: 'WX-D-R1', reason: 'first choice' });
    const res = await stack.call('POST', `/api/v1/orders/${order.id}/assign`, { drone_id: 'WX-D-R2', reason: 'R1 needs a prop' });
    expect(res.status).toBe(200);
    expect(res.body.active_job).toMatchObject({ drone_id: 'WX-D-R2', attempt: 2 });
    const jobs = await stack.prisma.deliveryJob.findMany({ where: { orderId: order.id }, orderBy: { createdAt: 'asc' } });
    expect(jobs.map((j) => [j.assignedDroneId, j.status])).toEqual([['WX-D-R1', 'REPLACED'], ['WX-D-R2', 'ACTIVE']]);
    const types = (await stack.call('GET', `/api/v1/orders/${order.id}/events`)).body.items.map((e: { type: string }) => e.type);
    expect(types.slice(-3)).toEqual(['ASSIGNED', 'UNASSIGNED', 'ASSIGNED']);
  });

  it("lists a drone's job windows for analytics, and only for OPS/ADMIN", async () => {
    await drone('WX-D-WIN', north(1));
    const order = await stack.createOrder();
    const before = new Date(Date.now() - 1000).toISOString();
    expect((await stack.call('POST', `/api/v1/orders/${order.id}/assign`, { drone_id: 'WX-D-WIN', reason: 'window test' })).status).toBe(200);
    const after = new Date(Date.now() + 1000).toISOString();
    const res = await stack.call('GET', `/api/v1/dispatch/jobs?drone_id=WX-D-WIN&from=${before}&to=${after}`);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([expect.objectContaining({ order_id: order.id, drone_id: 'WX-D-WIN', status: 'ACTIVE', attempt: 1, ended_at: null })]);
    const earlier = await stack.call('GET', `/api/v1/dispatch/jobs?drone_id=WX-D-WIN&from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z`);
    expect(earlier.body.items).toEqual([]);
    expect((await stack.call('GET', `/api/v1/dispatch/jobs?drone_id=WX-D-WIN&from=${after}&to=${before}`)).status).toBe(400);
    expect((await stack.call('GET', `/api/v1/dispatch/jobs?drone_id=WX-D-WIN&from=${before}&to=${after}`, undefined, { role: 'MERCHANT' })).status).toBe(403);
  });

  it('skips a drone put into maintenance in fleet-api from the next run on, saying so, and takes it again once out', async () => {
    await drone('WX-D-SERVICE', north(0.5));
    const order = await stack.createOrder();
    await stack.registry.updateDrone('WX-D-SERVICE', { maintenance: true });
    // The only drone not deactivated is this one: the run must pass it over for being in maintenance.
    const skipped = (await run()).decisions.find((d: { order_id: string }) => d.order_id === order.id);
    expect(skipped).toMatchObject({ assigned: false, drone_id: null });
    expect(skipped.reasons[0]).toMatch(/^no eligible drone among \d+: .*in maintenance/);
    const candidate = (await stack.call('GET', `/api/v1/orders/${order.id}/candidates`)).body.items.find((c: { drone_id: string }) => c.drone_id === 'WX-D-SERVICE');
    expect(candidate).toMatchObject({ eligible: false, reasons: ['in maintenance (fleet registry)'] });
    await stack.registry.updateDrone('WX-D-SERVICE', { maintenance: false });
    expect((await run()).decisions.find((d: { order_id: string }) => d.order_id === order.id)).toMatchObject({ assigned: true, drone_id: 'WX-D-SERVICE' });
  });

  it('skips a drone deactivated in fleet-api, saying so, and refuses it for manual assignment', async () => {
    await drone('WX-D-RETIRED', north(0.5));
    const order = await stack.createOrder();
    await stack.registry.deactivateDrone('WX-D-RETIRED');
    const skipped = (await run()).decisions.find((d: { order_id: string }) => d.order_id === order.id);
    expect(skipped).toMatchObject({ assigned: false, drone_id: null });
    expect(skipped.reasons[0]).toMatch(/^no eligible drone among \d+: \d+ deactivated/);
    const candidate = (await stack.call('GET', `/api/v1/orders/${order.id}/candidates`)).body.items.find((c: { drone_id: string }) => c.drone_id === 'WX-D-RETIRED');
    expect(candidate).toMatchObject({ eligible: false, reasons: ['deactivated (fleet registry)'] });
    const manual = await stack.call('POST', `/api/v1/orders/${order.id}/assign`, { drone_id: 'WX-D-RETIRED', reason: 'it is right there' });
    expect([manual.status, manual.body.message]).toEqual([422, 'Drone WX-D-RETIRED cannot take this order: deactivated (fleet registry)']);
    const unknown = await stack.call('POST', `/api/v1/orders/${order.id}/assign`, { drone_id: 'WX-D-NEVER', reason: 'typo in the id' });
    expect([unknown.status, unknown.body.message]).toEqual([422, 'Drone WX-D-NEVER cannot take this order: not registered (fleet registry)']);
  });

  it('plans with the payload and home of the fleet registry, changed there', async () => {
    await drone('WX-D-LIFT', north(0.5), 90, { maxPayloadKg: 2 });
    const order = await stack.createOrder({ payload_weight_kg: 1.2 });
    await stack.registry.updateDrone('WX-D-LIFT', { max_payload_kg: 1 });
    const before = (await stack.call('GET', `/api/v1/orders/${order.id}/candidates`)).body.items.find((c: { drone_id: string }) => c.drone_id === 'WX-D-LIFT');
    expect(before.reasons).toEqual(['payload 1.2 kg exceeds its 1 kg capacity']);
    // Strong enough again, but a home 20 km north makes the way back too long for the battery.
    await stack.registry.updateDrone('WX-D-LIFT', { max_payload_kg: 2, home: { lat: PICKUP.lat + 0.18, lon: PICKUP.lng } });
    const after = (await stack.call('GET', `/api/v1/orders/${order.id}/candidates`)).body.items.find((c: { drone_id: string }) => c.drone_id === 'WX-D-LIFT');
    expect(after.eligible).toBe(false);
    expect(after.reasons).toHaveLength(1);
    expect(after.reasons[0]).toMatch(/^battery 90% is below the [\d.]+% a 2[\d.]+ km trip needs/);
  });
});
