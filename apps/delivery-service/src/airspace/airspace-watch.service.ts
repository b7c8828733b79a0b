import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { systemActor } from '@wingxtra/service-kit';
import { DeliveryConfig } from '../config/delivery-config.js';
import { PrismaService } from '../database/prisma.service.js';
import { intrusionsNear } from '../dispatch/eligibility.js';
import { OrderStateRepository } from '../state-machine/order-state.repository.js';
import { JOB_HOLDING_STATUSES } from '../state-machine/order-transitions.js';
import { AirspaceTrafficService, type Intruder } from './airspace-traffic.service.js';

const ACTOR = systemActor('airspace');
/** One watcher at a time across replicas (a transaction-scoped advisory lock; migrations use ...211). */
const LOCK_KEY = 7_331_004_214;

function describeIntruder(i: Intruder): string {
  const what = [i.kind, i.source, i.callsign ?? i.serial].filter(Boolean).join(', ');
  return `${i.track_id} (${what}; seen by kit ${i.kit_id}${i.alt_m === null ? '' : `, ${Math.round(i.alt_m)} m altitude`})`;
}

/**
 * Watches active deliveries (orders holding a job: ASSIGNED to DELIVERING) against the traffic every
 * AIRSPACE_CHECK_INTERVAL_S: an aircraft not ours that comes within AIRSPACE_ALERT_RADIUS_M of an order's route
 * opens an intrusion and writes one AIRSPACE_ALERT on that order's timeline; when it has left the radius (or is
 * no longer seen) the intrusion closes with one AIRSPACE_CLEAR. Runs in processes with RUN_WORKERS, one replica
 * per check; while the traffic cannot be read nothing is opened or closed.
 */
@Injectable()
export class AirspaceWatchService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Airspace');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly config: DeliveryConfig,
    private readonly traffic: AirspaceTrafficService,
    private readonly prisma: PrismaService,
    private readonly state: OrderStateRepository,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.traffic.enabled) {
      this.logger.log('airspace gate off: ANALYTICS_API_URL is not set');
      return;
    }
    if (!this.config.RUN_WORKERS) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.check()
        .catch((err: Error) => this.logger.warn(`airspace check failed: ${err.message}`))
        .finally(() => (this.running = null));
    }, this.config.AIRSPACE_CHECK_INTERVAL_S * 1000);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One check of every active delivery; returns the alerts and clears written (null: traffic unknown or another replica checking). */
  async check(): Promise<{ alerts: number; clears: number } | null> {
    const picture = await this.traffic.picture();
    if (!picture.known) return null;
    const radius = this.config.AIRSPACE_ALERT_RADIUS_M;
    return this.prisma.$transaction(async (tx) => {
      const [{ locked }] = await tx.$queryRaw<Array<{ locked: boolean }>>`SELECT pg_try_advisory_xact_lock(${LOCK_KEY}::bigint) AS locked`;
      if (!locked) return null;
      const jobs = await tx.deliveryJob.findMany({ where: { status: 'ACTIVE', order: { status: { in: [...JOB_HOLDING_STATUSES] } } }, include: { order: true } });
      const open = await tx.airspaceIntrusion.findMany({ where: { clearedAt: null } });
      const active = new Map(jobs.map((j) => [j.orderId, j]));
      const now = new Date();
      let alerts = 0;
      let clears = 0;
      const near = new Map<string, Set<string>>();
      for (const job of jobs) {
        const o = job.order;
        const found = intrusionsNear({ pickup: { lat: o.pickupLat, lng: o.pickupLng }, dropoff: { lat: o.dropoffLat, lng: o.dropoffLng } }, picture.intruders, radius);
        near.set(o.id, new Set(found.map((f) => f.intruder.track_id)));
        for (const { intruder, distanceM } of found) {
          if (open.some((i) => i.orderId === o.id && i.trackId === intruder.track_id)) continue;
          await tx.airspaceIntrusion.create({ data: { orderId: o.id, trackId: intruder.track_id, kind: intruder.kind, distanceM } });
          await this.state.appendEvent(tx, {
            orderId: o.id,
            jobId: job.id,
            type: 'AIRSPACE_ALERT',
            actor: ACTOR,
            message: `Airspace alert: ${describeIntruder(intruder)} is ${distanceM} m from the route, within the ${radius} m alert radius`,
            payload: { ...intruder, distance_m: distanceM, radius_m: radius, drone_id: job.assignedDroneId },
          });
          alerts++;
        }
      }
      for (const i of open) {
        if (near.get(i.orderId)?.has(i.trackId)) continue;
        await tx.airspaceIntrusion.update({ where: { id: i.id }, data: { clearedAt: now } });
        const job = active.get(i.orderId);
        if (!job) continue; // the delivery ended: closed without a timeline entry
        await this.state.appendEvent(tx, {
          orderId: i.orderId,
          jobId: job.id,
          type: 'AIRSPACE_CLEAR',
          actor: ACTOR,
          message: `Airspace clear: ${i.trackId} (${i.kind}) is no longer within ${radius} m of the route`,
          payload: { track_id: i.trackId, kind: i.kind, radius_m: radius, since: i.startedAt.toISOString() },
        });
        clears++;
      }
      if (alerts || clears) this.logger.log(`airspace check: ${alerts} alert(s), ${clears} clear(s)`);
      return { alerts, clears };
    });
  }
}
