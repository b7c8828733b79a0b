import { BadRequestException, ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import type { DroneEngageStatus, HeartbeatAckDto, HeartbeatDto, HeartbeatListDto, HeartbeatListQueryDto } from '@wingxtra/contracts';
import { decodeCursor, encodeCursor } from '../common/cursor.js';
import type { IngestScope } from '../common/api-key.guard.js';
import { heartbeatWarnings } from './drone-status.js';
import { DroneStatusService } from './drone-status.service.js';
import { DronesRepository, type Tx } from './drones.repository.js';
import { HeartbeatsRepository, type HeartbeatBefore } from './heartbeats.repository.js';

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
    // Read from Redis first, so the drone's row is locked only for the statements below.
    const [lastTelemetryAtMs] = await this.status.telemetrySeen([droneId]);
    // Only a heartbeat with a warning or a DroneEngage error can raise an event: it is stored with its events and
    // status change in one transaction. The usual one is a single statement, then the status compare-and-set
    // (which a status sweep would redo, were the process to stop between the two).
    const mayRaiseEvents = warnings.length > 0 || hb.droneengage_status === 'error';
    const store = async (tx?: Tx) => {
      const before = await this.heartbeats.record(droneId, hb, warnings, receivedAt, tx);
      if (!before) throw new NotFoundException(`Drone ${droneId} is not registered`);
      if (!before.active) throw new ConflictException(`Drone ${droneId} is deactivated`);
      if (tx) await this.recordEvents(tx, before, hb, warnings);
      const derived = this.status.deriveKnowing({ ...before, lastHeartbeatAt: receivedAt, lastHeartbeat: { ...hb } }, lastTelemetryAtMs ?? null, receivedAt.getTime());
      await this.status.record(before, derived, tx);
      return derived;
    };
    const { status, reasons } = mayRaiseEvents ? await this.drones.transaction(store) : await store();
    for (const observer of this.observers) await observer(droneId, warnings);
    return { drone_id: droneId, received_at: receivedAt.toISOString(), status, status_reasons: reasons, warnings };
  }

  /** A warning is news when its kind (cpu, memory, disk, temperature, DroneEngage) was not warned of before; an error when it starts. */
  private async recordEvents(tx: Tx, before: HeartbeatBefore, hb: HeartbeatDto, warnings: string[]): Promise<void> {
    const kinds = new Set(before.heartbeatWarnings.map(kindOf));
    const appeared = warnings.filter((w) => !kinds.has(kindOf(w)));
    if (appeared.length > 0) {
      await this.drones.addEvent(tx, { droneId: before.droneId, type: 'heartbeat_warning', severity: 'warning', message: appeared.join('; '), details: { warnings, heartbeat: hb } });
    }
    const wasError = (before.lastHeartbeat as HeartbeatDto | null)?.droneengage_status === 'error';
    if (hb.droneengage_status === 'error' && !wasError) {
      await this.drones.addEvent(tx, { droneId: before.droneId, type: 'error', severity: 'error', message: 'the companion computer reports a DroneEngage error', details: { heartbeat: hb } });
    }
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
