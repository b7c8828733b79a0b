import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ORDER_STATUSES, type OrderStatus } from '@wingxtra/contracts';
import { systemActor } from '@wingxtra/service-kit';
import { ConcurrentTransitionError, IllegalTransitionError, ORDER_TRANSITIONS } from '../src/state-machine/order-transitions.js';
import { OrderStateRepository } from '../src/state-machine/order-state.repository.js';
import { DeliveryStack } from './support/delivery-app.js';

describe('state machine against the database', () => {
  let stack: DeliveryStack;
  let state: OrderStateRepository;

  beforeAll(async () => {
    stack = await DeliveryStack.start();
    state = stack.app.get(OrderStateRepository);
    await stack.registerDrone('WX-SM-1', 5);
  });

  afterAll(() => stack.close());

  /** A stored order put straight into `status` (test set-up only). */
  async function orderIn(status: OrderStatus): Promise<string> {
    const order = await stack.createOrder();
    await stack.prisma.order.update({ where: { id: order.id }, data: { status } });
    return order.id;
  }

  const pairs = ORDER_STATUSES.flatMap((from) => ORDER_STATUSES.map((to) => [from, to] as const));

  it.each(pairs.filter(([from, to]) => ORDER_TRANSITIONS[from].includes(to)))('allows %s → %s and records it on the timeline', async (from, to) => {
    const id = await orderIn(from);
    const before = await stack.prisma.order.findUniqueOrThrow({ where: { id } });
    const after = await state.transition(id, { to, actor: systemActor('test'), message: `test ${from}→${to}`, payload: { k: 1 } });
    expect(after.status).toBe(to);
    expect(after.version).toBe(before.version + 1);
    const last = await stack.prisma.deliveryEvent.findFirstOrThrow({ where: { orderId: id }, orderBy: { id: 'desc' } });
    expect(last).toMatchObject({ type: to, fromStatus: from, toStatus: to, actorId: 'system:test', message: `test ${from}→${to}`, payload: { k: 1 } });
  });

  it.each(pairs.filter(([from, to]) => !ORDER_TRANSITIONS[from].includes(to)))('refuses %s → %s and changes nothing', async (from, to) => {
    const id = await orderIn(from);
    const events = await stack.prisma.deliveryEvent.count({ where: { orderId: id } });
    await expect(state.transition(id, { to, actor: systemActor('test'), message: 'x' })).rejects.toThrow(IllegalTransitionError);
    expect((await stack.prisma.order.findUniqueOrThrow({ where: { id } })).status).toBe(from);
    expect(await stack.prisma.deliveryEvent.count({ where: { orderId: id } })).toBe(events);
  });

  it('lets exactly one of ten concurrent transitions win', async () => {
    const id = await orderIn('QUEUED');
    // Ten callers that all read the order at the same version, as concurrent API requests do.
    const { version } = await stack.prisma.order.findUniqueOrThrow({ where: { id } });
    const targets: OrderStatus[] = ['CANCELED', 'VALIDATED', 'CANCELED', 'VALIDATED', 'CANCELED', 'VALIDATED', 'CANCELED', 'VALIDATED', 'CANCELED', 'VALIDATED'];
    const results = await Promise.allSettled(targets.map((to) => state.transition(id, { to, actor: systemActor('test'), message: to, expectedVersion: version })));
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results.filter((x) => x.status === 'rejected')) {
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(Error);
      expect([ConcurrentTransitionError, IllegalTransitionError].some((t) => (r as PromiseRejectedResult).reason instanceof t)).toBe(true);
    }
    const order = await stack.prisma.order.findUniqueOrThrow({ where: { id } });
    expect(order.status).toBe((won[0] as PromiseFulfilledResult<{ status: OrderStatus }>).value.status);
    expect(await stack.prisma.deliveryEvent.count({ where: { orderId: id, fromStatus: 'QUEUED' } })).toBe(1);
  });

  it('refuses a transition made on a stale version', async () => {
    const id = await orderIn('QUEUED');
    const { version } = await stack.prisma.order.findUniqueOrThrow({ where: { id } });
    await state.transition(id, { to: 'VALIDATED', actor: systemActor('test'), message: 'first' });
    await expect(state.transition(id, { to: 'QUEUED', actor: systemActor('test'), message: 'stale', expectedVersion: version })).rejects.toThrow(ConcurrentTransitionError);
  });

  it('undoes the status change when an effect in the same transaction fails', async () => {
    const id = await orderIn('QUEUED');
    await expect(
      state.transition(id, { to: 'CANCELED', actor: systemActor('test'), message: 'x' }, async () => {
        throw new Error('effect failed');
      }),
    ).rejects.toThrow('effect failed');
    expect((await stack.prisma.order.findUniqueOrThrow({ where: { id } })).status).toBe('QUEUED');
    expect(await stack.prisma.deliveryEvent.count({ where: { orderId: id, toStatus: 'CANCELED' } })).toBe(0);
  });

  it('answers an illegal transition over HTTP with 409 naming the allowed ones', async () => {
    const id = await orderIn('LAUNCHED');
    const res = await stack.call('POST', `/api/v1/orders/${id}/cancel`, { reason: 'changed my mind' });
    expect(res.status).toBe(409);
    expect(res.body.message).toBe('Order is LAUNCHED; it cannot become CANCELED. Allowed from LAUNCHED: ENROUTE, QUEUED, ABORTED, FAILED');
    expect(res.body.allowed).toEqual(['ENROUTE', 'QUEUED', 'ABORTED', 'FAILED']);
  });
});
