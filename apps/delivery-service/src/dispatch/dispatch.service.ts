import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { FleetApiClient, type DispatchDecisionDto, type DispatchRunResultDto, type DroneEligibilityDto, type DroneLatest, type OrderDto } from '@wingxtra/contracts';
import { actorOf, systemActor, type Actor, type Principal } from '@wingxtra/service-kit';
import { ProblemError, conflict, notFound, unprocessable } from '../common/problem.error.js';
import { isUniqueViolation } from '@wingxtra/service-kit';
import { DeliveryConfig } from '../config/delivery-config.js';
import type { Order } from '../generated/prisma/client.js';
import { MissionsService } from '../missions/missions.service.js';
import { toOrderDto } from '../orders/order.mapper.js';
import { OrdersRepository } from '../orders/orders.repository.js';
import { ConcurrentTransitionError, IllegalTransitionError } from '../state-machine/order-transitions.js';
import { OrderStateRepository, type Tx } from '../state-machine/order-state.repository.js';
import { PrismaService } from '../database/prisma.service.js';
import { AirspaceTrafficService } from '../airspace/airspace-traffic.service.js';
import { FleetRegistryGateway } from '../fleet/fleet-registry.gateway.js';
import { airspaceHold, judgeDrone, summariseIneligible, type DispatchPolicy, type Judgement, type OrderNeeds, type RegisteredDrone } from './eligibility.js';
import { JobsRepository } from './jobs.repository.js';

const DRONE_TAKEN_INDEX = 'delivery_jobs_one_active_per_drone';
/** Assignment transactions a run writes at once (the pool has 10 connections). */
const ASSIGN_CONCURRENCY = 6;

/** fn over items with at most `limit` in flight; results in input order. */
async function mapConcurrently<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/**
 * Assigns queued orders to drones. A run reads fleet-api's drone registry and latest state once each, then walks
 * the queue in priority order and gives each order the eligible drone that reaches its pickup soonest. The database
 * allows one active job per drone, so concurrent runs (or a manual assignment racing a run) can never give
 * a drone two jobs: the loser sees the conflict and tries its next-best drone.
 */
@Injectable()
export class DispatchService {
  private readonly logger = new Logger('Dispatch');
  private readonly policy: DispatchPolicy;

  constructor(
    private readonly config: DeliveryConfig,
    private readonly fleet: FleetApiClient,
    private readonly orders: OrdersRepository,
    private readonly state: OrderStateRepository,
    private readonly registry: FleetRegistryGateway,
    private readonly jobs: JobsRepository,
    private readonly missions: MissionsService,
    private readonly prisma: PrismaService,
    private readonly airspace: AirspaceTrafficService,
  ) {
    this.policy = {
      onlineWithinS: config.ONLINE_WITHIN_S,
      energyPctPerKm: config.ENERGY_PCT_PER_KM,
      batteryMinPct: config.BATTERY_MIN_PCT,
      cruiseSpeedMps: config.CRUISE_SPEED_MPS,
    };
  }

  async run(limit = this.config.DISPATCH_BATCH, actor: Actor = systemActor('dispatch')): Promise<DispatchRunResultDto> {
    const started = Date.now();
    const queued = await this.orders.queuedForDispatch(limit);
    const decisions: DispatchDecisionDto[] = [];
    if (queued.length === 0) {
      return { started_at: new Date(started).toISOString(), duration_ms: Date.now() - started, orders_considered: 0, drones_available: 0, assigned: 0, decisions };
    }
    const [registry, latest, busy, picture] = await Promise.all([
      this.registry.dronesForDispatch(),
      this.latestByDrone(),
      this.jobs.busyDroneIds(),
      this.airspace.enabled ? this.airspace.picture() : Promise.resolve(null),
    ]);
    const now = Date.now();
    // Drones free for work now; each order then checks payload and battery against its own trip.
    const free = new Map(registry.filter((d) => d.active && !d.maintenance && !busy.has(d.drone_id)).map((d) => [d.drone_id, d]));
    const dronesAvailable = free.size;
    // 1. Plan in memory, in queue order: each order takes the eligible drone nearest its pickup that is still free.
    //    An order whose route the airspace gate holds takes no drone and stays QUEUED.
    const plans = queued.map((order) => {
      const held = airspaceHold(this.needsOf(order), picture, this.config.AIRSPACE_ALERT_RADIUS_M);
      if (held) return { order, choice: undefined, held };
      const choice = this.rank(order, free, latest, now)[0];
      if (choice) free.delete(choice.drone_id);
      return { order, choice, held: null };
    });
    // 2. Write the planned assignments a few at a time (each in its own transaction).
    const outcomes = await mapConcurrently(plans, ASSIGN_CONCURRENCY, ({ order, choice }) => (choice ? this.tryAssign(order, choice, actor) : Promise.resolve(null)));
    // 3. Orders whose drone a concurrent run or OPS took meanwhile try again, one by one, with the drones still free.
    for (const [i, { order, choice, held }] of plans.entries()) {
      const outcome = outcomes[i];
      if (held) {
        decisions.push({ order_id: order.id, assigned: false, drone_id: null, job_id: null, time_to_pickup_s: null, reasons: [held] });
      } else if (outcome?.kind === 'assigned') {
        decisions.push({ order_id: order.id, assigned: true, drone_id: choice!.drone_id, job_id: outcome.jobId, time_to_pickup_s: choice!.time_to_pickup_s, reasons: [] });
      } else if (outcome?.kind === 'changed') {
        decisions.push({ order_id: order.id, assigned: false, drone_id: null, job_id: null, time_to_pickup_s: null, reasons: [outcome.reason] });
      } else {
        decisions.push(await this.decide(order, free, registry, latest, busy, now, actor));
      }
    }
    if (this.config.AUTO_SUBMIT_MISSION) {
      for (const d of decisions) if (d.assigned) await this.submitQuietly(d.order_id);
    }
    const assigned = decisions.filter((d) => d.assigned).length;
    const result = {
      started_at: new Date(started).toISOString(),
      duration_ms: Date.now() - started,
      orders_considered: queued.length,
      drones_available: dronesAvailable,
      assigned,
      decisions,
    };
    if (assigned > 0) this.logger.log(`dispatch run: ${assigned} of ${queued.length} queued orders assigned in ${result.duration_ms} ms`);
    return result;
  }

  private needsOf(order: Order): OrderNeeds {
    return { pickup: { lat: order.pickupLat, lng: order.pickupLng }, dropoff: { lat: order.dropoffLat, lng: order.dropoffLng }, payloadKg: order.payloadWeightKg };
  }

  /** The free drones eligible for the order, nearest (soonest at the pickup) first. */
  private rank(order: Order, free: Map<string, RegisteredDrone>, latest: Map<string, DroneLatest>, now: number): Judgement[] {
    const needs = this.needsOf(order);
    return [...free.values()]
      .map((d) => judgeDrone(needs, d.drone_id, d, latest.get(d.drone_id), false, this.policy, now))
      .filter((j) => j.eligible)
      .sort((a, b) => (a.time_to_pickup_s ?? Infinity) - (b.time_to_pickup_s ?? Infinity));
  }

  /** One assignment attempt; a drone taken meanwhile or an order changed meanwhile is an outcome, not an error. */
  private async tryAssign(order: Order, choice: Judgement, actor: Actor): Promise<{ kind: 'assigned'; jobId: string } | { kind: 'taken' } | { kind: 'changed'; reason: string }> {
    try {
      return { kind: 'assigned', jobId: await this.assign(order, choice, actor, 'Assigned by dispatch: nearest eligible drone', order.version) };
    } catch (err) {
      if (isUniqueViolation(err, DRONE_TAKEN_INDEX)) return { kind: 'taken' };
      if (err instanceof ConcurrentTransitionError || err instanceof IllegalTransitionError || isUniqueViolation(err)) {
        return { kind: 'changed', reason: `order changed while dispatching (${(err as Error).message}); left for the next run` };
      }
      throw err;
    }
  }

  /** Sequential decision for one order: its best free drones in turn, or why none qualifies. */
  private async decide(
    order: Order,
    free: Map<string, RegisteredDrone>,
    registry: RegisteredDrone[],
    latest: Map<string, DroneLatest>,
    busy: Set<string>,
    now: number,
    actor: Actor,
  ): Promise<DispatchDecisionDto> {
    const undecided = (reasons: string[]): DispatchDecisionDto => ({ order_id: order.id, assigned: false, drone_id: null, job_id: null, time_to_pickup_s: null, reasons });
    const ranked = this.rank(order, free, latest, now);
    if (ranked.length === 0) {
      const needs = this.needsOf(order);
      // Drones taken earlier in this run count as busy.
      const all = registry.map((d) => judgeDrone(needs, d.drone_id, d, latest.get(d.drone_id), busy.has(d.drone_id) || (!free.has(d.drone_id) && d.active && !d.maintenance), this.policy, now));
      return undecided([summariseIneligible(all)]);
    }
    for (const choice of ranked.slice(0, 5)) {
      free.delete(choice.drone_id);
      const outcome = await this.tryAssign(order, choice, actor);
      if (outcome.kind === 'assigned') return { order_id: order.id, assigned: true, drone_id: choice.drone_id, job_id: outcome.jobId, time_to_pickup_s: choice.time_to_pickup_s, reasons: [] };
      if (outcome.kind === 'changed') return undecided([outcome.reason]);
    }
    return undecided(['every eligible drone was taken by a concurrent assignment; left for the next run']);
  }

  /** QUEUED → ASSIGNED with a new ACTIVE job, in one transaction (the caller's, if given). Returns the job id. */
  private async assign(order: Order, choice: Judgement | DroneEligibilityDto, actor: Actor, message: string, expectedVersion?: number, extra: Record<string, unknown> = {}, tx?: Tx): Promise<string> {
    const jobId = randomUUID();
    const run = (t: Tx) => this.state.transitionIn(
      t,
      order.id,
      {
        to: 'ASSIGNED',
        actor,
        message,
        jobId,
        expectedVersion,
        payload: {
          drone_id: choice.drone_id,
          time_to_pickup_s: choice.time_to_pickup_s,
          distance_to_pickup_m: choice.distance_to_pickup_m,
          battery_pct: choice.battery_pct,
          required_battery_pct: choice.required_battery_pct,
          ...extra,
        },
      },
      async (t) => {
        await this.jobs.create(t, { id: jobId, orderId: order.id, droneId: choice.drone_id, attempt: (await this.jobs.attempts(order.id, t)) + 1 });
      },
    );
    await (tx ? run(tx) : this.prisma.$transaction(run));
    return jobId;
  }

  private async submitQuietly(orderId: string): Promise<void> {
    try {
      await this.missions.submit(orderId, systemActor('dispatch'));
    } catch (err) {
      this.logger.warn(`auto-submit of the mission for order ${orderId} failed: ${(err as Error).message}`);
    }
  }

  /** Every registered drone judged for one order, eligible ones first, nearest first. */
  async candidates(orderId: string): Promise<DroneEligibilityDto[]> {
    const order = await this.orders.findById(orderId);
    if (!order) throw notFound(`Order ${orderId}`);
    const [registry, latest, busy] = await Promise.all([this.registry.dronesForDispatch(), this.latestByDrone(), this.jobs.busyDroneIds()]);
    const needs = this.needsOf(order);
    const now = Date.now();
    return registry
      .map((d) => judgeDrone(needs, d.drone_id, d, latest.get(d.drone_id), busy.has(d.drone_id) && order.activeJob?.assignedDroneId !== d.drone_id, this.policy, now))
      .sort((a, b) => Number(b.eligible) - Number(a.eligible) || (a.time_to_pickup_s ?? Infinity) - (b.time_to_pickup_s ?? Infinity))
      .map(({ codes: _codes, ...dto }) => dto);
  }

  /**
   * OPS override: assign a named drone, with a reason, audited. Hard rules still hold (registered, active,
   * not in maintenance, not on another job, can lift the payload: the drone's registry record is read from
   * fleet-api now, 503 when it cannot be); online and battery are the operator's call and are recorded as warnings. An ASSIGNED order is reassigned (its old job REPLACED).
   */
  async assignManually(orderId: string, droneId: string, reason: string, principal: Principal): Promise<OrderDto> {
    const order = await this.orders.findById(orderId);
    if (!order) throw notFound(`Order ${orderId}`);
    if (order.status !== 'QUEUED' && order.status !== 'ASSIGNED') {
      throw conflict(`Order is ${order.status}; only QUEUED or ASSIGNED orders can be assigned`, { allowed_from: ['QUEUED', 'ASSIGNED'] });
    }
    const [registered, latest, busyIds] = await Promise.all([this.registry.droneNow(droneId), this.fleetLatestOf(droneId), this.jobs.busyDroneIds()]);
    const busy = busyIds.has(droneId) && order.activeJob?.assignedDroneId !== droneId;
    const judgement = judgeDrone(this.needsOf(order), droneId, registered ?? undefined, latest ?? undefined, busy, this.policy, Date.now());
    const hard = judgement.codes.filter((c) => ['unregistered', 'inactive', 'maintenance', 'busy', 'payload'].includes(c));
    if (hard.length > 0) {
      throw unprocessable(`Drone ${droneId} cannot take this order: ${judgement.reasons.filter((_, i) => hard.includes(judgement.codes[i])).join('; ')}`, { reasons: judgement.reasons });
    }
    const actor = actorOf(principal);
    const warnings = judgement.reasons;
    try {
      // Release and reassignment in one transaction: a failure leaves the old assignment as it was.
      await this.prisma.$transaction(async (tx) => {
        let version = order.version;
        if (order.status === 'ASSIGNED') {
          await this.state.transitionIn(tx, order.id, { to: 'QUEUED', type: 'UNASSIGNED', actor, message: `Drone ${order.activeJob?.assignedDroneId} released for reassignment: ${reason}`, jobId: order.activeJob?.id, expectedVersion: version }, async (t) => {
            await this.jobs.endActive(t, order.id, 'REPLACED', `reassigned to ${droneId}: ${reason}`);
          });
          version += 1;
        }
        await this.assign(order, judgement, actor, `Assigned manually: ${reason}`, version, { manual: true, reason, warnings }, tx);
      });
    } catch (err) {
      if (isUniqueViolation(err, DRONE_TAKEN_INDEX)) throw conflict(`Drone ${droneId} was just given another job`);
      throw err;
    }
    const updated = await this.orders.findById(orderId);
    return toOrderDto(updated!, updated!.activeJob);
  }

  private async latestByDrone(): Promise<Map<string, DroneLatest>> {
    try {
      const { drones } = await this.fleet.getLatest();
      return new Map(drones.map((d) => [d.drone_id, d]));
    } catch (err) {
      throw new ProblemError(503, `fleet-api is unavailable, so no drone can be judged: ${(err as Error).message}`, {}, { 'retry-after': '5' });
    }
  }

  private async fleetLatestOf(droneId: string): Promise<DroneLatest | null> {
    try {
      return await this.fleet.getDroneLatest(droneId);
    } catch (err) {
      this.logger.warn(`fleet-api lookup of ${droneId} failed: ${(err as Error).message}`);
      return null;
    }
  }
}
