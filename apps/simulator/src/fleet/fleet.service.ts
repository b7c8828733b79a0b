import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ApiClientError, FleetApiClient, FleetRegistryClient, type TelemetryPacket } from '@wingxtra/contracts';
import { SimulatorConfig } from '../config/simulator-config.js';
import { airframeFor } from '../model/airframe.js';
import { offsetM, type LatLng } from '../model/geo.js';
import { between, seededRng, type Rng } from '../model/random.js';
import { toTelemetryV1, toTelemetryV2 } from '../model/telemetry.js';
import { DroneKeys } from './drone-keys.js';
import { undiciTransport } from './undici-transport.js';
import { LatencyHistogram } from './latency-histogram.js';
import { SimClock } from './sim-clock.js';
import { SimDrone, type DroneEvent } from './sim-drone.js';

/** Landing pads on the hub are this far apart, metres. */
const PAD_SPACING_M = 4;

/** What the simulated plugins have sent and what fleet-api answered (the soak benchmark reads these). */
export interface TelemetryStats {
  requests: number;
  packetsSent: number;
  /** Packets fleet-api acknowledged as taken (IngestResult.accepted). */
  accepted: number;
  duplicate: number;
  rejected: number;
  /** Requests answered 429. */
  rateLimited: number;
  /** Requests that failed: network errors, 5xx, other 4xx. */
  failed: number;
  /** Packets of requests that got no answer (timeout, connection lost): fleet-api may or may not have taken them. */
  unanswered: number;
  /** Ticks skipped because the drone's previous request had not been answered yet. */
  skipped: number;
  latency: LatencyHistogram;
}

export type DroneEventSink = (drone: SimDrone, events: DroneEvent[]) => void;

/** Pad positions in a square grid centred on the hub. */
export function padPositions(hub: LatLng, count: number, spacingM = PAD_SPACING_M): LatLng[] {
  const side = Math.ceil(Math.sqrt(count));
  const centre = ((side - 1) * spacingM) / 2;
  return Array.from({ length: count }, (_, i) => offsetM(hub, Math.floor(i / side) * spacingM - centre, (i % side) * spacingM - centre));
}

/**
 * The simulated fleet: SIM_DRONES drones on their pads around the hub, each with a telemetry plugin that posts to
 * fleet-api on its own timer (v1 packets at SIM_HZ, or v2 readings at SIM_V2_HZ in batches), one request in flight
 * per drone at most, as the DroneEngage plugin does. Mission events the drones produce go to the sink (the bridge).
 */
@Injectable()
export class FleetService implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly drones: SimDrone[];
  readonly stats: TelemetryStats = { requests: 0, packetsSent: 0, accepted: 0, duplicate: 0, rejected: 0, rateLimited: 0, failed: 0, unanswered: 0, skipped: 0, latency: new LatencyHistogram() };
  private readonly logger = new Logger('Fleet');
  /** One client per fleet-api URL; drone i reports through clients[i mod n]. */
  private readonly clients: FleetApiClient[];
  private readonly clientOf = new Map<string, FleetApiClient>();
  private readonly registryOf = new Map<string, FleetRegistryClient>();
  private readonly startedAtMs = Date.now();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly inFlight = new Set<string>();
  /** One keep-alive pool for every drone's requests (closed with the fleet). */
  private readonly http: ReturnType<typeof undiciTransport>;
  private readonly lastWallMs = new Map<string, number>();
  private readonly lastWarnMs = new Map<string, number>();
  private readonly byId = new Map<string, SimDrone>();
  private sink: DroneEventSink = () => undefined;
  readonly rng: Rng;

  constructor(
    private readonly config: SimulatorConfig,
    readonly clock: SimClock,
    readonly keys: DroneKeys,
  ) {
    this.rng = seededRng(config.SIM_SEED ?? Math.floor(Math.random() * 2 ** 31));
    this.http = undiciTransport();
    this.clients = config.fleetApiUrls.map((baseUrl) => new FleetApiClient({ baseUrl, timeoutMs: 5000, transport: this.http.transport }));
    const pads = padPositions({ lat: config.SIM_HUB_LAT, lng: config.SIM_HUB_LNG }, config.SIM_DRONES);
    const options = { lostLinkTimeoutS: config.SIM_LOST_LINK_TIMEOUT_S, turnaroundS: config.SIM_TURNAROUND_S, faults: config.faults, rng: this.rng };
    this.drones = pads.map((pad, i) => new SimDrone(`${config.SIM_DRONE_PREFIX}${String(i + 1).padStart(3, '0')}`, airframeFor(i), pad, options, clock.nowS(), between(this.rng, 85, 100)));
    const registries = config.fleetApiUrls.map((baseUrl) => new FleetRegistryClient({ baseUrl, timeoutMs: 5000, transport: this.http.transport }));
    this.drones.forEach((d, i) => {
      this.byId.set(d.id, d);
      this.clientOf.set(d.id, this.clients[i % this.clients.length]);
      this.registryOf.set(d.id, registries[i % registries.length]);
    });
  }

  drone(id: string): SimDrone | undefined {
    return this.byId.get(id);
  }

  /** Where the drones' mission events go (the GCS bridge sets itself here). */
  onEvents(sink: DroneEventSink): void {
    this.sink = sink;
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stop();
    await this.http.close();
  }

  start(): void {
    if (this.timers.length > 0) return;
    this.drones.forEach((drone, i) => {
      const v2 = i < this.config.SIM_V2_DRONES;
      const periodMs = v2 ? this.config.SIM_V2_BATCH_MS : 1000 / this.config.SIM_HZ;
      // Spread the first reports over one period so the drones do not all post in the same millisecond.
      const first = setTimeout(() => {
        void this.tick(drone, v2);
        this.timers.push(setInterval(() => void this.tick(drone, v2), periodMs));
      }, (periodMs * i) / this.drones.length);
      this.timers.push(first);
      if (this.config.SIM_HEARTBEAT_S > 0) {
        const hbMs = this.config.SIM_HEARTBEAT_S * 1000;
        this.timers.push(setTimeout(() => this.timers.push(setInterval(() => void this.heartbeat(drone), hbMs)), (hbMs * i) / this.drones.length));
      }
    });
    this.logger.log(`${this.drones.length} drones on the pads at ${this.config.SIM_HUB_LAT}, ${this.config.SIM_HUB_LNG}, reporting to ${this.config.fleetApiUrls.join(' and ')} (time x${this.config.SIM_TIME_SCALE})`);
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.length = 0;
  }

  /** Advances a drone to now, hands its events on, and posts its telemetry (unless its link is down). */
  async tick(drone: SimDrone, v2: boolean): Promise<void> {
    const nowMs = Date.now();
    const packets: TelemetryPacket[] = [];
    if (v2) {
      // The readings taken since the last post, evenly spaced at SIM_V2_HZ, each stamped with its own time.
      const stepMs = 1000 / this.config.SIM_V2_HZ;
      const last = this.lastWallMs.get(drone.id) ?? nowMs - this.config.SIM_V2_BATCH_MS;
      for (let w = last + stepMs; w <= nowMs; w += stepMs) {
        const at = Math.round(w);
        this.advance(drone, at);
        if (drone.linkUp(this.clock.nowS(at))) packets.push(toTelemetryV2(drone.snapshot(), new Date(at)));
        this.lastWallMs.set(drone.id, w);
      }
    } else {
      this.advance(drone, nowMs);
      if (drone.linkUp(this.clock.nowS(nowMs))) packets.push(toTelemetryV1(drone.snapshot(), new Date(nowMs)));
    }
    const key = this.keys.keyFor(drone.id);
    if (packets.length === 0 || key === undefined) return;
    if (this.inFlight.has(drone.id)) {
      this.stats.skipped++;
      return;
    }
    await this.post(drone.id, key, packets.length === 1 && !v2 ? packets[0] : packets);
  }

  /**
   * The companion computer's heartbeat to fleet-api's registry (its health readings), sent with the drone's own
   * key while its link is up; refused ones (no registry, not registered yet) are of no consequence here.
   */
  private async heartbeat(drone: SimDrone): Promise<void> {
    const key = this.keys.keyFor(drone.id);
    if (!key || !drone.linkUp(this.clock.nowS())) return;
    const load = drone.flying ? 25 : 0;
    try {
      await this.registryOf.get(drone.id)!.sendHeartbeat(
        drone.id,
        {
          cpu_pct: Math.round(between(this.rng, 15, 30) + load),
          memory_pct: Math.round(between(this.rng, 35, 50)),
          disk_pct: 41,
          temperature_c: Math.round(between(this.rng, 45, 52) + load / 2),
          software_version: 'droneengage-sim 1.0',
          uptime_s: Math.round((Date.now() - this.startedAtMs) / 1000),
          droneengage_status: 'connected',
        },
        key,
      );
    } catch (err) {
      if (!(err instanceof ApiClientError)) this.warn(drone.id, `heartbeat of ${drone.id} not sent: fleet-api unreachable (${(err as Error).message})`);
    }
  }

  private advance(drone: SimDrone, wallMs: number): void {
    const events = drone.advance(this.clock.nowS(wallMs));
    if (events.length > 0) this.sink(drone, events);
  }

  private async post(droneId: string, key: string, body: TelemetryPacket | TelemetryPacket[]): Promise<void> {
    const count = Array.isArray(body) ? body.length : 1;
    this.inFlight.add(droneId);
    const started = performance.now();
    this.stats.requests++;
    this.stats.packetsSent += count;
    try {
      const result = await this.clientOf.get(droneId)!.postTelemetry(body, key);
      this.stats.latency.record(performance.now() - started);
      this.stats.accepted += result.accepted;
      this.stats.duplicate += result.duplicate;
      this.stats.rejected += result.rejected;
    } catch (err) {
      this.stats.latency.record(performance.now() - started);
      if (err instanceof ApiClientError && err.status === 429) this.stats.rateLimited++;
      else this.stats.failed++;
      if (!(err instanceof ApiClientError)) this.stats.unanswered += count;
      // A key of its own that fleet-api refuses (revoked, registry reset): drop it, so the drone is registered again.
      if (err instanceof ApiClientError && err.status === 401 && this.keys.has(droneId)) this.keys.forget(droneId);
      this.warn(droneId, `telemetry of ${droneId} not taken: ${err instanceof ApiClientError ? err.message : `fleet-api unreachable (${(err as Error).message})`}`);
    } finally {
      this.inFlight.delete(droneId);
    }
  }

  /** One warning per drone per 30 s: a fleet-api outage must not flood the log. */
  private warn(droneId: string, message: string): void {
    const now = Date.now();
    if (now - (this.lastWarnMs.get(droneId) ?? 0) < 30_000) return;
    this.lastWarnMs.set(droneId, now);
    this.logger.warn(message);
  }
}
