import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type {
  DroneDto,
  DroneEventListDto,
  DroneEventListQueryDto,
  DroneKeyDto,
  DroneKeyListDto,
  DroneListDto,
  DroneListQueryDto,
  RegisterDroneDto,
  RegisteredDroneDto,
  RotatedDroneKeyDto,
  UpdateDroneDto,
} from '@wingxtra/contracts';
import type { Principal } from '@wingxtra/service-kit';
import { decodeCursor, encodeCursor } from '../common/cursor.js';
import { FleetConfig } from '../config/fleet-config.js';
import type { Drone } from '../generated/prisma/client.js';
import { hashDroneKey, keyPrefixOf, newDroneKey } from './drone-key.js';
import { DroneKeyCache } from './drone-key.cache.js';
import { toDroneDto, toEventDto, toKeyDto } from './drone.mapper.js';
import { DroneStatusService } from './drone-status.service.js';
import { DronesRepository, type Tx } from './drones.repository.js';

/** Who did it, as events record it. */
const by = (p: Principal) => ({ by: p.sub, role: p.role });

const notRegistered = (id: string) => new NotFoundException(`Drone ${id} is not registered`);

/** The drone registry's rules: registration, changes, maintenance, deactivation, keys and their events. */
@Injectable()
export class DronesService {
  /** Hooks other features register (alerts clear a deactivated drone's alerts). */
  private readonly onDeactivate: Array<(droneId: string) => Promise<void>> = [];

  constructor(
    private readonly config: FleetConfig,
    private readonly drones: DronesRepository,
    private readonly keyCache: DroneKeyCache,
    private readonly status: DroneStatusService,
  ) {}

  whenDeactivated(hook: (droneId: string) => Promise<void>): void {
    this.onDeactivate.push(hook);
  }

  async register(dto: RegisterDroneDto, actor: Principal): Promise<RegisteredDroneDto> {
    const apiKey = newDroneKey();
    const [derived] = await this.status.derive([{ droneId: dto.drone_id, maintenance: false, status: 'offline', statusReasons: [], lastHeartbeatAt: null, lastHeartbeat: null }]);
    const { drone, key, set } = await this.drones.transaction(async (tx) => {
      if (await this.drones.find(dto.drone_id, tx)) throw new ConflictException(`Drone ${dto.drone_id} is registered already`);
      const drone = await this.drones.create(tx, {
        droneId: dto.drone_id,
        name: dto.name,
        type: dto.type,
        maxPayloadKg: dto.max_payload_kg,
        homeLat: dto.home?.lat ?? null,
        homeLon: dto.home?.lon ?? null,
        notes: dto.notes ?? null,
        status: derived!.status,
        statusReasons: derived!.reasons,
      });
      const key = await this.drones.addKey(tx, drone.droneId, hashDroneKey(this.config.DRONE_KEY_SECRET!, apiKey), keyPrefixOf(apiKey));
      await this.drones.addEvent(tx, { droneId: drone.droneId, type: 'registered', severity: 'info', message: `registered as ${dto.type} "${dto.name}"`, details: { ...by(actor), key_id: key.id, key_prefix: key.prefix } });
      return { drone, key, set: await this.drones.bumpKeySet(tx, drone.droneId) };
    });
    await this.keyCache.publish(set);
    return { drone: toDroneDto(drone), api_key: apiKey, key: toKeyDto(key) };
  }

  async list(q: DroneListQueryDto): Promise<DroneListDto> {
    const limit = q.limit ?? 100;
    const rows = await this.drones.list({
      status: q.status,
      type: q.type,
      q: q.q,
      includeInactive: q.include_inactive === true,
      afterId: q.cursor === undefined ? undefined : decodeCursor('drone', q.cursor),
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    return { items: page.map(toDroneDto), next_cursor: rows.length > limit ? encodeCursor('drone', page[page.length - 1]!.droneId) : null };
  }

  async get(droneId: string): Promise<DroneDto> {
    return toDroneDto(await this.mustFind(droneId));
  }

  async update(droneId: string, dto: UpdateDroneDto, actor: Principal): Promise<DroneDto> {
    if (dto.active === false) return this.deactivate(droneId, actor);
    const updated = await this.drones.transaction(async (tx) => {
      const before = await this.mustFind(droneId, tx);
      const data: Parameters<DronesRepository['update']>[2] = {};
      const changed: string[] = [];
      const set = (field: keyof UpdateDroneDto & string, apply: () => void, same: boolean) => {
        if (dto[field] === undefined || same) return;
        apply();
        changed.push(field);
      };
      set('name', () => (data.name = dto.name), dto.name === before.name);
      set('type', () => (data.type = dto.type), dto.type === before.type);
      set('max_payload_kg', () => (data.maxPayloadKg = dto.max_payload_kg), dto.max_payload_kg === before.maxPayloadKg);
      set('notes', () => (data.notes = dto.notes ?? null), (dto.notes ?? null) === before.notes);
      set('home', () => ((data.homeLat = dto.home?.lat ?? null), (data.homeLon = dto.home?.lon ?? null)), (dto.home?.lat ?? null) === before.homeLat && (dto.home?.lon ?? null) === before.homeLon);
      set('maintenance', () => (data.maintenance = dto.maintenance), dto.maintenance === before.maintenance);
      const reactivate = dto.active === true && !before.active;
      if (reactivate) Object.assign(data, { active: true, deactivatedAt: null });
      if (changed.length === 0 && !reactivate) return before;
      const after = await this.drones.update(tx, droneId, data);
      const details = by(actor);
      const others = changed.filter((f) => f !== 'maintenance');
      if (others.length > 0) await this.drones.addEvent(tx, { droneId, type: 'updated', severity: 'info', message: `changed ${others.join(', ')}`, details: { ...details, fields: others } });
      if (changed.includes('maintenance')) {
        await this.drones.addEvent(tx, dto.maintenance
          ? { droneId, type: 'maintenance_on', severity: 'info', message: 'put in maintenance mode (not dispatched)', details }
          : { droneId, type: 'maintenance_off', severity: 'info', message: 'taken out of maintenance mode', details });
      }
      if (reactivate) await this.drones.addEvent(tx, { droneId, type: 'reactivated', severity: 'info', message: 'reactivated (rotate its key to issue a new one)', details });
      if (changed.includes('maintenance') || reactivate) await this.recordStatus(after, tx);
      return (await this.drones.find(droneId, tx))!;
    });
    return toDroneDto(updated);
  }

  /** DELETE: the drone stays on record, inactive, with every key revoked at once and its open alerts cleared. */
  async deactivate(droneId: string, actor: Principal): Promise<DroneDto> {
    const { drone, set } = await this.drones.transaction(async (tx) => {
      const before = await this.mustFind(droneId, tx);
      if (!before.active) return { drone: before, set: null };
      const drone = await this.drones.update(tx, droneId, { active: false, deactivatedAt: new Date() });
      const revoked = await this.drones.revokeAllKeys(tx, droneId);
      await this.drones.addEvent(tx, { droneId, type: 'deactivated', severity: 'info', message: `deactivated; ${revoked} key(s) revoked`, details: { ...by(actor), keys_revoked: revoked } });
      return { drone, set: await this.drones.bumpKeySet(tx, droneId) };
    });
    if (set) {
      await this.keyCache.publish(set);
      for (const hook of this.onDeactivate) await hook(droneId);
    }
    return toDroneDto(drone);
  }

  async listKeys(droneId: string): Promise<DroneKeyListDto> {
    await this.mustFind(droneId);
    const now = Date.now();
    return { items: (await this.drones.keys(droneId)).map((k) => toKeyDto(k, now)) };
  }

  /** A new key for the drone; its current keys keep working for graceS (default DRONE_KEY_GRACE_S). */
  async rotateKey(droneId: string, graceS: number | undefined, actor: Principal): Promise<RotatedDroneKeyDto> {
    const grace = graceS ?? this.config.DRONE_KEY_GRACE_S;
    const apiKey = newDroneKey();
    const { key, replaced, set } = await this.drones.transaction(async (tx) => {
      const drone = await this.mustFind(droneId, tx);
      if (!drone.active) throw new ConflictException(`Drone ${droneId} is deactivated; reactivate it first (PATCH with "active": true)`);
      const replaced = await this.drones.retireKeys(tx, droneId, new Date(Date.now() + grace * 1000));
      const key = await this.drones.addKey(tx, droneId, hashDroneKey(this.config.DRONE_KEY_SECRET!, apiKey), keyPrefixOf(apiKey));
      await this.drones.addEvent(tx, {
        droneId,
        type: 'key_rotated',
        severity: 'info',
        message: `new key ${key.prefix}…; ${replaced.length} previous key(s) valid for ${grace} s more`,
        details: { ...by(actor), key_id: key.id, key_prefix: key.prefix, grace_s: grace, replaced: replaced.map((k) => k.id) },
      });
      return { key, replaced, set: await this.drones.bumpKeySet(tx, droneId) };
    });
    await this.keyCache.publish(set);
    const now = Date.now();
    return { api_key: apiKey, key: toKeyDto(key, now), replaced: replaced.map((k) => toKeyDto(k, now)) };
  }

  /** Ends one key at once, on every replica. */
  async revokeKey(droneId: string, keyId: string, actor: Principal): Promise<DroneKeyDto> {
    const { key, set } = await this.drones.transaction(async (tx) => {
      await this.mustFind(droneId, tx);
      const key = await this.drones.revokeKey(tx, droneId, keyId);
      if (!key) throw new NotFoundException(`Drone ${droneId} has no key ${keyId}`);
      await this.drones.addEvent(tx, { droneId, type: 'key_revoked', severity: 'warning', message: `key ${key.prefix}… revoked`, details: { ...by(actor), key_id: key.id, key_prefix: key.prefix } });
      return { key, set: await this.drones.bumpKeySet(tx, droneId) };
    });
    await this.keyCache.publish(set);
    return toKeyDto(key);
  }

  async events(droneId: string, q: DroneEventListQueryDto): Promise<DroneEventListDto> {
    await this.mustFind(droneId);
    const limit = q.limit ?? 50;
    let beforeId: bigint | undefined;
    if (q.cursor !== undefined) {
      const raw = decodeCursor('event', q.cursor);
      if (!/^\d{1,18}$/.test(raw)) throw new BadRequestException('cursor is not a cursor this API returned');
      beforeId = BigInt(raw);
    }
    const rows = await this.drones.events(droneId, { type: q.type, beforeId, limit: limit + 1 });
    const page = rows.slice(0, limit);
    return { items: page.map(toEventDto), next_cursor: rows.length > limit ? encodeCursor('event', page[page.length - 1]!.id.toString()) : null };
  }

  private async recordStatus(drone: Drone, tx: Tx): Promise<void> {
    const [derived] = await this.status.derive([drone]);
    await this.status.record(drone, derived!, tx);
  }

  private async mustFind(droneId: string, tx?: Tx): Promise<Drone> {
    const drone = await this.drones.find(droneId, tx);
    if (!drone) throw notRegistered(droneId);
    return drone;
  }
}
