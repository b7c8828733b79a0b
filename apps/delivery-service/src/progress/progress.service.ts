import { Injectable, Logger } from '@nestjs/common';
import { FleetApiClient, type DroneLatest } from '@wingxtra/contracts';
import { systemActor } from '@wingxtra/service-kit';
import { DeliveryConfig } from '../config/delivery-config.js';
import { JobsRepository } from '../dispatch/jobs.repository.js';
import { distanceM } from '../geo/geo.js';
import type { DeliveryJob, Order } from '../generated/prisma/client.js';
import { OrderStateRepository } from '../state-machine/order-state.repository.js';
import { DeliveryProgressService } from './delivery-progress.service.js';

const TELEMETRY = systemActor('telemetry');
/** Flight modes that mean the autopilot gave up on the mission (ArduPilot names). */
const FAILSAFE_MODES = new Set(['RTL', 'SMART_RTL', 'QRTL', 'LAND', 'QLAND']);
/** Below this groundspeed a launched drone has not yet set off. */
const MOVING_MPS = 2;

export type ProgressStep =
  | { kind: 'advance'; to: 'LAUNCHED' | 'ENROUTE' | 'ARRIVED'; why: string }
  | { kind: 'failsafe'; why: string }
  | { kind: 'none' };

/**
 * What the drone's latest telemetry says about an in-flight delivery (pure): armed after submission is a
 * launch; moving is en route; within ARRIVAL_RADIUS_M of the dropoff is arrival; a return or landing mode
 * before arrival is a failsafe.
 */
export function progressFromTelemetry(status: Order['status'], dropoff: { lat: number; lng: number }, latest: DroneLatest, arrivalRadiusM: number): ProgressStep {
  const t = latest.telemetry;
  const pos = t.position;
  const distance = pos ? distanceM({ lat: pos.lat, lng: pos.lon }, dropoff) : Infinity;
  const mode = t.state?.mode?.toUpperCase();
  const airborne = status === 'LAUNCHED' || status === 'ENROUTE';
  if (airborne && mode && FAILSAFE_MODES.has(mode) && distance > arrivalRadiusM) return { kind: 'failsafe', why: `failsafe: the drone switched to ${mode} ${Math.round(distance)} m from the dropoff` };
  if ((airborne || status === 'MISSION_SUBMITTED') && t.state?.armed && distance <= arrivalRadiusM) return { kind: 'advance', to: 'ARRIVED', why: `within ${Math.round(distance)} m of the dropoff` };
  if ((status === 'MISSION_SUBMITTED' || status === 'LAUNCHED') && t.state?.armed && (t.velocity?.groundspeed_mps ?? 0) >= MOVING_MPS) return { kind: 'advance', to: 'ENROUTE', why: `moving at ${t.velocity?.groundspeed_mps} m/s` };
  if (status === 'MISSION_SUBMITTED' && t.state?.armed) return { kind: 'advance', to: 'LAUNCHED', why: 'armed' };
  return { kind: 'none' };
}

/** Seconds to the dropoff at the reported groundspeed (or the cruise speed when hovering/unknown). */
export function etaSeconds(latest: DroneLatest, dropoff: { lat: number; lng: number }, cruiseSpeedMps: number): number | null {
  const pos = latest.telemetry.position;
  if (!pos) return null;
  const groundspeed = latest.telemetry.velocity?.groundspeed_mps ?? 0;
  const speed = groundspeed >= MOVING_MPS ? groundspeed : cruiseSpeedMps;
  return Math.round(distanceM({ lat: pos.lat, lng: pos.lon }, dropoff) / speed);
}

/**
 * The telemetry sweep (a BullMQ repeatable job every PROGRESS_INTERVAL_S): for every delivery in flight it
 * reads the drone's latest state from fleet-api once, moves the order forward, keeps the ETA, records when
 * the drone drops offline or comes back, and ends the attempt on a failsafe seen in telemetry.
 */
@Injectable()
export class ProgressService {
  private readonly logger = new Logger('ProgressSweep');

  constructor(
    private readonly config: DeliveryConfig,
    private readonly fleet: FleetApiClient,
    private readonly jobs: JobsRepository,
    private readonly state: OrderStateRepository,
    private readonly progress: DeliveryProgressService,
  ) {}

  async sweep(): Promise<{ checked: number; changed: number }> {
    const active = await this.jobs.activeWithOrders(['MISSION_SUBMITTED', 'LAUNCHED', 'ENROUTE', 'ARRIVED', 'DELIVERING']);
    if (active.length === 0) return { checked: 0, changed: 0 };
    const { drones } = await this.fleet.getLatest();
    const latest = new Map(drones.map((d) => [d.drone_id, d]));
    let changed = 0;
    for (const job of active) {
      try {
        if (await this.apply(job, job.order, latest.get(job.assignedDroneId))) changed++;
      } catch (err) {
        this.logger.warn(`order ${job.orderId}: ${(err as Error).message}`); // e.g. a concurrent bridge event won; next sweep sees the new state
      }
    }
    return { checked: active.length, changed };
  }

  private async apply(job: DeliveryJob, order: Order, latest: DroneLatest | undefined): Promise<boolean> {
    const dropoff = { lat: order.dropoffLat, lng: order.dropoffLng };
    const online = latest !== undefined && Date.now() - Date.parse(latest.last_seen_ts) <= this.config.ONLINE_WITHIN_S * 1000;
    if (!online) {
      if (job.offlineSince) return false;
      await this.jobs.updateProgress(job.id, { offlineSince: new Date() });
      await this.state.recordEvent({ orderId: order.id, jobId: job.id, type: 'DRONE_OFFLINE', actor: TELEMETRY, message: `Drone ${job.assignedDroneId} went offline during the delivery${latest ? ` (last seen ${latest.last_seen_ts})` : ''}`, payload: { drone_id: job.assignedDroneId, last_seen_ts: latest?.last_seen_ts ?? null } });
      return true;
    }
    let changed = false;
    if (job.offlineSince) {
      await this.jobs.updateProgress(job.id, { offlineSince: null });
      await this.state.recordEvent({ orderId: order.id, jobId: job.id, type: 'DRONE_ONLINE', actor: TELEMETRY, message: `Drone ${job.assignedDroneId} is reporting again`, payload: { offline_since: job.offlineSince.toISOString() } });
      changed = true;
    }
    const eta = order.status === 'ARRIVED' || order.status === 'DELIVERING' ? 0 : etaSeconds(latest, dropoff, this.config.CRUISE_SPEED_MPS);
    if (eta !== job.etaSeconds) await this.jobs.updateProgress(job.id, { etaSeconds: eta });
    const step = progressFromTelemetry(order.status, dropoff, latest, this.config.ARRIVAL_RADIUS_M);
    const pos = latest.telemetry.position;
    const payload = { drone_id: job.assignedDroneId, telemetry_ts: latest.telemetry.ts, ...(pos ? { position: { lat: pos.lat, lng: pos.lon, alt_m: pos.alt_m } } : {}), mode: latest.telemetry.state?.mode ?? null };
    if (step.kind === 'advance') return (await this.progress.advance(order, step.to, TELEMETRY, `Telemetry: ${step.why}`, { ...payload, eta_seconds: eta }, job.id)) || changed;
    if (step.kind === 'failsafe') {
      await this.progress.endAttempt(order, 'ABORTED', step.why, TELEMETRY, payload);
      return true;
    }
    return changed;
  }
}
