import { Injectable, Logger } from '@nestjs/common';
import { FleetRegistryClient, type DroneDto, type GeofenceDto } from '@wingxtra/contracts';
import { ServiceTokenProvider } from '../auth/service-token.provider.js';
import { LastGoodCache, type CachedCopy } from '../common/last-good-cache.js';
import { ProblemError } from '../common/problem.error.js';
import { DeliveryConfig } from '../config/delivery-config.js';

/** GET /api/v1/drones answers at most this many per page. */
const PAGE = 500;
/** A fleet this many pages long is a fleet-api answering in circles, not a fleet. */
const MAX_PAGES = 1000;

/** Why a call to fleet-api failed, in words ("HTTP 401: Token has expired", "connect ECONNREFUSED 127.0.0.1:8000"). */
export function describeFleetFailure(err: unknown): string {
  const e = err as Error & { cause?: { message?: string; code?: string } };
  if (e?.name === 'TimeoutError') return 'no answer in time';
  if (e?.message === 'fetch failed' && e.cause) return e.cause.message ?? e.cause.code ?? e.message;
  return e?.message ?? String(err);
}

/**
 * The only place delivery-service reads fleet-api's drone registry and geofences (its own copies are gone: fleet-api
 * is the one home of both). Calls carry the service token (src/auth/service-token.provider.ts). The drone list
 * (deactivated drones included, so dispatch can say why one is out) and the active geofences are each read at most
 * once per FLEET_REGISTRY_CACHE_MS, one read shared by concurrent callers.
 *
 * Two kinds of reader: dispatch needs the current registry (a copy within the cache time, as it needs fleet-api's
 * latest state) and answers 503 when it cannot be read; order validation and the service-area list may go on with
 * the last good copy for FLEET_REGISTRY_STALE_MAX_S while fleet-api is briefly away (logged), then answer 503.
 */
@Injectable()
export class FleetRegistryGateway {
  private readonly logger = new Logger('FleetRegistry');
  private readonly drones: LastGoodCache<DroneDto[]>;
  private readonly fences: LastGoodCache<GeofenceDto[]>;
  private readonly staleMaxMs: number;
  /** What is being served from a stale copy (so the warning is logged once per outage, not per request). */
  private readonly servingStale = new Set<string>();

  constructor(
    private readonly config: DeliveryConfig,
    private readonly tokens: ServiceTokenProvider,
  ) {
    this.drones = new LastGoodCache(() => this.loadDrones(), config.FLEET_REGISTRY_CACHE_MS);
    this.fences = new LastGoodCache(() => this.loadGeofences(), config.FLEET_REGISTRY_CACHE_MS);
    this.staleMaxMs = config.FLEET_REGISTRY_STALE_MAX_S * 1000;
  }

  /** Every registered drone, deactivated ones too, current (dispatch runs and candidate lists); 503 when unreadable. */
  async dronesForDispatch(): Promise<DroneDto[]> {
    try {
      return await this.drones.get();
    } catch (err) {
      throw this.unavailable(`fleet-api is unavailable, so no drone can be judged: its drone registry cannot be read (${describeFleetFailure(err)})`);
    }
  }

  /** One drone read from fleet-api now (manual assignment), or null when it is not registered; 503 when unreadable. */
  async droneNow(droneId: string): Promise<DroneDto | null> {
    try {
      return await (await this.client()).getDrone(droneId);
    } catch (err) {
      throw this.unavailable(`fleet-api is unavailable, so drone ${droneId} cannot be judged: its drone registry cannot be read (${describeFleetFailure(err)})`);
    }
  }

  /** The largest max_payload_kg of an active drone, or null when none is registered (order validation). */
  async largestActivePayloadKg(): Promise<number | null> {
    const drones = await this.lenient(this.drones, 'drone registry');
    const active = drones.filter((d) => d.active).map((d) => d.max_payload_kg);
    return active.length === 0 ? null : Math.max(...active);
  }

  /** Active service areas and no-fly zones (order validation, GET /service-areas). */
  geofences(): Promise<GeofenceDto[]> {
    return this.lenient(this.fences, 'geofences');
  }

  /** The ids of our drones, registered in fleet-api (the airspace gate leaves them out); throws when unknown. */
  async ourDroneIds(): Promise<Set<string>> {
    return new Set((await this.lenient(this.drones, 'drone registry')).map((d) => d.drone_id));
  }

  private async lenient<T>(cache: LastGoodCache<T>, what: string): Promise<T> {
    let copy: CachedCopy<T>;
    try {
      copy = await cache.getOrStale(this.staleMaxMs);
    } catch (err) {
      throw this.unavailable(`fleet-api's ${what} cannot be read (${describeFleetFailure(err)}) and no copy of the last ${this.config.FLEET_REGISTRY_STALE_MAX_S} s is held`);
    }
    if (copy.staleBecause !== null) {
      if (!this.servingStale.has(what)) {
        this.logger.warn(`fleet-api's ${what} cannot be read (${describeFleetFailure(copy.staleBecause)}); using the copy of ${Math.round(copy.ageMs / 1000)} s ago for order validation, for up to ${this.config.FLEET_REGISTRY_STALE_MAX_S} s`);
        this.servingStale.add(what);
      }
    } else if (this.servingStale.delete(what)) {
      this.logger.log(`fleet-api's ${what} readable again`);
    }
    return copy.value;
  }

  private unavailable(message: string): ProblemError {
    return new ProblemError(503, message, {}, { 'retry-after': '5' });
  }

  private async client(): Promise<FleetRegistryClient> {
    return new FleetRegistryClient({ baseUrl: this.config.FLEET_API_URL, timeoutMs: 3000, token: await this.tokens.token() });
  }

  private async loadDrones(): Promise<DroneDto[]> {
    const client = await this.client();
    const drones: DroneDto[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const res = await client.listDrones({ include_inactive: true, limit: PAGE, ...(cursor ? { cursor } : {}) });
      drones.push(...res.items);
      if (res.next_cursor === null) return drones;
      cursor = res.next_cursor;
    }
    throw new Error(`the drone list did not end after ${MAX_PAGES} pages`);
  }

  private async loadGeofences(): Promise<GeofenceDto[]> {
    return (await (await this.client()).listGeofences()).items;
  }
}
