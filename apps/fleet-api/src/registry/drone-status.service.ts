import { Injectable, Logger } from '@nestjs/common';
import type { DroneStatus } from '@wingxtra/contracts';
import { FleetConfig } from '../config/fleet-config.js';
import type { Drone } from '../generated/prisma/client.js';
import { healthThresholds } from './drone-health.js';
import { deriveDroneStatus, type DerivedStatus, type HeartbeatReadings, type HealthThresholds } from './drone-status.js';
import { DronesRepository, type Tx } from './drones.repository.js';
import { TelemetrySeenRepository } from './telemetry-seen.repository.js';

type StatusRow = Pick<Drone, 'droneId' | 'maintenance' | 'status' | 'statusReasons' | 'lastHeartbeatAt' | 'lastHeartbeat'>;

/** Derives drone statuses (drone-status.ts) and records each change once, with its event. */
@Injectable()
export class DroneStatusService {
  private readonly logger = new Logger(DroneStatusService.name);
  readonly thresholds: HealthThresholds;

  constructor(
    config: FleetConfig,
    private readonly drones: DronesRepository,
    private readonly seen: TelemetrySeenRepository,
  ) {
    this.thresholds = healthThresholds(config);
  }

  /** The status of drones as of now. Telemetry times come from Redis; when it is away they count as unknown. */
  async derive(rows: StatusRow[], nowMs = Date.now()): Promise<DerivedStatus[]> {
    const seen = await this.telemetrySeen(rows.map((r) => r.droneId));
    return rows.map((r, i) => this.deriveKnowing(r, seen[i] ?? null, nowMs));
  }

  /** When each drone last sent telemetry (epoch ms, or null when unknown or Redis is away). */
  async telemetrySeen(droneIds: string[]): Promise<Array<number | null>> {
    return this.seen.lastSeenMs(droneIds).catch((err: Error) => {
      this.logger.warn(`telemetry times unavailable, judging heartbeats only: ${err.message}`);
      return droneIds.map(() => null);
    });
  }

  /** The status of one drone given when it last sent telemetry (no I/O: callable inside a transaction). */
  deriveKnowing(r: StatusRow, lastTelemetryAtMs: number | null, nowMs: number): DerivedStatus {
    return deriveDroneStatus(
      {
        maintenance: r.maintenance,
        lastHeartbeatAtMs: r.lastHeartbeatAt ? r.lastHeartbeatAt.getTime() : null,
        heartbeat: (r.lastHeartbeat ?? null) as HeartbeatReadings | null,
        lastTelemetryAtMs,
        nowMs,
      },
      this.thresholds,
    );
  }

  /**
   * Records a drone's derived status: on a change, the new status and a status_changed event (only the
   * writer that still saw the old status does, so concurrent derivations record one change); otherwise just
   * the current reasons. Returns whether the status changed.
   */
  async record(row: StatusRow, derived: DerivedStatus, tx?: Tx): Promise<boolean> {
    if (derived.status === row.status) {
      if (derived.reasons.join('\n') !== row.statusReasons.join('\n')) await this.drones.refreshReasons(row.droneId, row.status, derived.reasons, tx);
      return false;
    }
    const write = async (t: Tx) => {
      if (!(await this.drones.changeStatus(t, row.droneId, row.status, derived.status, derived.reasons))) return false;
      await this.drones.addEvent(t, {
        droneId: row.droneId,
        type: 'status_changed',
        severity: severityOf(derived.status),
        message: `status ${row.status} -> ${derived.status}${derived.reasons.length ? `: ${derived.reasons.join('; ')}` : ''}`,
        details: { from: row.status, to: derived.status, reasons: derived.reasons },
      });
      return true;
    };
    return tx ? write(tx) : this.drones.transaction(write);
  }
}

const severityOf = (s: DroneStatus) => (s === 'healthy' || s === 'maintenance' ? 'info' : 'warning');
