import { BadRequestException, ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import type { DroneEngageStatus, HeartbeatAckDto, HeartbeatDto, HeartbeatListDto, HeartbeatListQueryDto } from '@wingxtra/contracts';
import { decodeCursor, encodeCursor } from '../common/cursor.js';
import type { IngestScope } from '../common/api-key.guard.js';
import { heartbeatWarnings } from './drone-status.js';
import { DroneStatusService } from './drone-status.service.js';
import { DronesRepository } from './drones.repository.js';
import { HeartbeatsRepository } from './heartbeats.repository.js';

const kindOf = (warning: string) => warning.split(' ')[0];

/** Called after each stored heartbeat with its warnings (alerts raise or clear heartbeat_degraded). */
export type HeartbeatObserver = (droneId: string, warnings: string[]) => Promise<void>;

/** Companion-computer heartbeats: kept as history, judged against the thresholds, and folded into the status. */
@Injectable()
export class HeartbeatsService {
  private readonly observers: HeartbeatObserver[] = [];

  constructor(
    private readonly drones: DronesRepository,
    private readonly heartbeats: HeartbeatsRepository,
    private readonly status: DroneStatusService,
  ) {}

  observe(observer: HeartbeatObserver): void {
    this.observers.push(observer);
  }

  async receive(droneId: string, hb: HeartbeatDto, scope: IngestScope): Promise<HeartbeatAckDto> {
    if (scope !== null && scope !== droneId) throw new ForbiddenException(`The key of drone ${scope} may not send heartbeats for ${droneId}`);
    const warnings = heartbeatWarnings(hb, this.status.thresholds);
    const receivedAt = new Date();
    // Read from Redis first, so the drone's row is locked only for the one statement below.
    const [lastTelemetryAtMs] = await this.status.telemetrySeen([droneId]);
    const before = await this.heartbeats.record(droneId, hb, warnings, receivedAt);
    if (!before) throw new NotFoundException(`Drone ${droneId} is not registered`);
    if (!before.active) throw new ConflictException(`Drone ${droneId} is deactivated`);
    // Events are rare (a warning's kind appearing, a DroneEngage error starting): written only then.
    const kinds = new Set(before.heartbeat_warnings.map(kindOf));
    const appeared = warnings.filter((w) => !kinds.has(kindOf(w)));
    const errorStarted = hb.droneengage_status === 'error' && before.last_heartbeat?.droneengage_status !== 'error';
    if (appeared.length > 0 || errorStarted) {
      await this.drones.transaction(async (tx) => {
        if (appeared.length > 0) await this.drones.addEvent(tx, { droneId, type: 'heartbeat_warning', severity: 'warning', message: appeared.join('; '), details: { warnings, heartbeat: hb } });
        if (errorStarted) await this.drones.addEvent(tx, { droneId, type: 'error', severity: 'error', message: 'the companion computer reports a DroneEngage error', details: { heartbeat: hb } });
      });
    }
    const row = { droneId, maintenance: before.maintenance, status: before.status, statusReasons: before.status_reasons };
    const derived = this.status.deriveKnowing({ ...row, lastHeartbeatAt: receivedAt, lastHeartbeat: { ...hb } as never }, lastTelemetryAtMs ?? null, receivedAt.getTime());
    // A status change is a compare-and-set with its event (so a sweep deriving at the same time records it once).
    await this.status.record({ ...row, lastHeartbeatAt: null, lastHeartbeat: before.last_heartbeat as never }, derived);
    const { status, reasons } = derived;
    for (const observer of this.observers) await observer(droneId, warnings);
    return { drone_id: droneId, received_at: receivedAt.toISOString(), status, status_reasons: reasons, warnings };
  }

  /** A drone's stored heartbeats, newest first, a page at a time (404 for a drone never registered). */
  async list(droneId: string, q: HeartbeatListQueryDto): Promise<HeartbeatListDto> {
    if (!(await this.drones.find(droneId))) throw new NotFoundException(`Drone ${droneId} is not registered`);
    const limit = q.limit ?? 50;
    let beforeId: bigint | undefined;
    if (q.cursor !== undefined) {
      const raw = decodeCursor('heartbeat', q.cursor);
      if (!/^\d{1,18}$/.test(raw)) throw new BadRequestException('cursor is not a cursor this API returned');
      beforeId = BigInt(raw);
    }
    const rows = await this.heartbeats.list(droneId, { beforeId, limit: limit + 1 });
    const page = rows.slice(0, limit);
    return {
      items: page.map((h) => ({
        received_at: h.receivedAt.toISOString(),
        cpu_pct: h.cpuPct,
        memory_pct: h.memoryPct,
        disk_pct: h.diskPct,
        temperature_c: h.temperatureC,
        software_version: h.softwareVersion,
        uptime_s: h.uptimeS,
        droneengage_status: h.droneengageStatus as DroneEngageStatus | null,
        warnings: h.warnings,
      })),
      next_cursor: rows.length > limit ? encodeCursor('heartbeat', page[page.length - 1]!.id.toString()) : null,
    };
  }
}
