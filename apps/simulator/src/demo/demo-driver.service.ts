import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import {
  ApiClientError,
  DeliveryApiClient,
  FleetRegistryClient,
  TERMINAL_ORDER_STATUSES,
  type OrderDto,
  type Priority,
  type Role,
  type ServiceAreaDto,
} from '@wingxtra/contracts';
import { TokenService } from '@wingxtra/service-kit';
import { BridgeService, type DroppedPayload } from '../bridge/bridge.service.js';
import { SimulatorConfig } from '../config/simulator-config.js';
import { FleetService } from '../fleet/fleet.service.js';
import type { LatLng } from '../model/geo.js';
import { between, pick, type Rng } from '../model/random.js';
import { circlePolygon, inPolygon, randomDropoff } from './service-area.js';

/** The name of the service area the driver creates around the hub when no active area contains it. */
export const DEMO_AREA_NAME = 'Simulator demo area';
/** Dropoffs closer to the hub than this are not worth a flight. */
const MIN_DROPOFF_M = 200;
/** An assigned order whose intent was submitted this long ago without being accepted is submitted again. */
const RESUBMIT_AFTER_MS = 30_000;
const MAX_SUBMISSIONS_PER_JOB = 3;
/** Open orders whose status is re-read per step (the oldest-read first). */
const REFRESH_PER_STEP = 10;

const PAYLOADS = ['medicine', 'lab samples', 'documents', 'blood units', 'meal', 'spare parts', 'phone'];
const CUSTOMERS = ['Ama Mensah', 'Kofi Boateng', 'Akosua Owusu', 'Yaw Asante', 'Efua Darko', 'Kwame Appiah', 'Abena Ofori', 'Kojo Addo'];

/** What the driver has done since it started. */
export interface DriverStats {
  ordersCreated: number;
  intentsSubmitted: number;
  proofsRecorded: number;
  delivered: number;
  /** Orders that ended otherwise (FAILED, ABORTED, CANCELED). */
  endedUndelivered: number;
  errors: number;
}

interface OpenOrder {
  otp: string | null;
  checkedAt: number;
  confirming: boolean;
}

/**
 * The demo driver: acts as the merchant and the operations desk, so that deliveries run by themselves. It makes
 * sure a service area holds the hub and that every simulated drone is registered for dispatch; then, every
 * SIM_ORDER_INTERVAL_S, it creates an order to a random dropoff (as the merchant), asks for a dispatch run and
 * submits the mission intent of every assigned order (as OPS), and records the proof of delivery as soon as the
 * bridge reports the drop (the customer's OTP, or an operator confirmation for orders it did not create).
 */
@Injectable()
export class DemoDriverService implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly stats: DriverStats = { ordersCreated: 0, intentsSubmitted: 0, proofsRecorded: 0, delivered: 0, endedUndelivered: 0, errors: 0 };
  private readonly logger = new Logger('DemoDriver');
  private readonly tokens: TokenService | null;
  private readonly clients: Record<'MERCHANT' | 'OPS' | 'ADMIN', DeliveryApiClient>;
  private readonly registry: FleetRegistryClient;
  private readonly open = new Map<string, OpenOrder>();
  private readonly submissions = new Map<string, { count: number; atMs: number }>();
  /** DELIVERING orders seen by the last step: still DELIVERING at the next one, they are confirmed by OPS. */
  private deliveringSeen = new Set<string>();
  private tokensMintedAt = 0;
  private area: ServiceAreaDto | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stepping: Promise<void> | null = null;
  private ready = false;
  private stopped = false;
  private readonly rng: Rng;
  private readonly hub: LatLng;

  constructor(
    private readonly config: SimulatorConfig,
    private readonly fleet: FleetService,
    private readonly bridge: BridgeService,
  ) {
    this.tokens = config.JWT_SECRET ? new TokenService(config.JWT_SECRET) : null;
    const client = () => new DeliveryApiClient({ baseUrl: config.DELIVERY_API_URL, timeoutMs: 10_000 });
    this.clients = { MERCHANT: client(), OPS: client(), ADMIN: client() };
    this.registry = new FleetRegistryClient({ baseUrl: config.fleetApiUrls[0], timeoutMs: 10_000 });
    this.rng = fleet.rng;
    this.hub = { lat: config.SIM_HUB_LAT, lng: config.SIM_HUB_LNG };
    bridge.onDropped((p) => void this.confirmDrop(p));
  }

  onApplicationBootstrap(): void {
    if (this.config.SIM_DEMO) this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  start(): void {
    this.stopped = false;
    const loop = async () => {
      if (this.stopped) return;
      this.stepping = this.step().catch((err) => {
        this.stats.errors++;
        this.logger.warn(`step failed, next one in ${this.config.SIM_ORDER_INTERVAL_S} s: ${(err as Error).message}`);
      });
      await this.stepping;
      if (!this.stopped) this.timer = setTimeout(() => void loop(), this.config.SIM_ORDER_INTERVAL_S * 1000);
    };
    void loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.stepping;
  }

  /**
   * Seeds what deliveries need, idempotently: a service area around the hub, created as a fleet-api geofence
   * (only when no active one contains it). The drones registered themselves in fleet-api's registry with their
   * capabilities (DroneRegistrationService), which is where dispatch reads them.
   */
  async setup(): Promise<void> {
    await this.refreshTokens();
    this.area = await this.findArea();
    if (!this.area) {
      const name = DEMO_AREA_NAME;
      this.registry.token = this.clients.ADMIN.token;
      await this.registry.createGeofence({ name, kind: 'service_area', geometry: { type: 'Polygon', coordinates: circlePolygon(this.hub, this.config.SIM_AREA_RADIUS_M) } });
      this.logger.log(`created service area "${name}" (${this.config.SIM_AREA_RADIUS_M} m around the hub)`);
      this.area = await this.findArea();
      if (!this.area) throw new Error(`service area "${name}" was created but delivery-service does not list it yet`);
    }
    this.logger.log(`${this.fleet.drones.length} drones ready for dispatch in service area "${this.area.name}"`);
    await this.releaseLostMissions();
    this.ready = true;
  }

  /** The first active service area (not a no-fly zone) that holds the hub, as delivery-service validates orders. */
  private async findArea(): Promise<ServiceAreaDto | null> {
    const areas = await this.clients.OPS.listServiceAreas();
    return areas.items.find((a) => a.kind === 'service_area' && inPolygon(this.hub, a.polygon)) ?? null;
  }

  /**
   * After a restart: delivery-service may still believe some of these drones are flying missions this process
   * never received (a previous run's). Each such mission is reported lost (ABORTED), so the drone is free again and
   * the order re-queued (or aborted once its attempts are used up). Orders already DELIVERING are confirmed by the
   * usual step instead.
   */
  private async releaseLostMissions(): Promise<void> {
    let released = 0;
    for (const status of ['MISSION_SUBMITTED', 'LAUNCHED', 'ENROUTE', 'ARRIVED'] as const) {
      let cursor: string | undefined;
      do {
        const page = await this.clients.OPS.listOrders({ status, limit: 200, ...(cursor ? { cursor } : {}) });
        for (const o of page.items) {
          const job = o.active_job;
          if (!job?.mission_intent_id || !this.fleet.drone(job.drone_id) || this.bridge.knows(job.mission_intent_id)) continue;
          await this.bridge.reportLost(job.mission_intent_id, `the GCS bridge restarted and lost this mission of ${job.drone_id} (order ${o.id} was ${status})`);
          released++;
        }
        cursor = page.next_cursor ?? undefined;
      } while (cursor);
    }
    if (released > 0) this.logger.warn(`${released} mission(s) of an earlier run reported lost, so their drones fly again`);
  }

  /** One round: seed (until it has worked once), order, dispatch, submit, confirm, and re-read a few open orders. */
  async step(): Promise<void> {
    await this.refreshTokens();
    if (!this.ready) await this.setup();
    const limit = this.config.SIM_MAX_OPEN_ORDERS ?? this.fleet.drones.length;
    if (this.open.size < limit) await this.createOrder();
    const run = await this.clients.OPS.runDispatch();
    for (const d of run.decisions) if (d.assigned && d.job_id) await this.submit(d.order_id, d.job_id);
    // Orders the scheduler assigned, or whose earlier intent was refused or lost.
    const assigned = await this.clients.OPS.listOrders({ status: 'ASSIGNED', limit: 200 });
    for (const o of assigned.items) if (o.active_job) await this.submit(o.id, o.active_job.id);
    await this.confirmStuckDeliveries();
    await this.refreshOpenOrders();
  }

  /** Tokens as the demo merchant, operator and admin, signed with delivery-service's JWT_SECRET; renewed hourly. */
  private async refreshTokens(): Promise<void> {
    if (!this.tokens) throw new Error('the demo driver needs JWT_SECRET');
    if (Date.now() - this.tokensMintedAt < 3_600_000) return;
    const sign = (role: Role, merchant_id?: string) => this.tokens!.sign({ sub: `sim:${role.toLowerCase()}`, role, ...(merchant_id ? { merchant_id } : {}) }, '12h');
    [this.clients.MERCHANT.token, this.clients.OPS.token, this.clients.ADMIN.token] = await Promise.all([sign('MERCHANT', this.config.SIM_MERCHANT_ID), sign('OPS'), sign('ADMIN')]);
    this.tokensMintedAt = Date.now();
  }

  private async createOrder(): Promise<void> {
    const dropoff = randomDropoff(this.rng, this.hub, this.area!.polygon, MIN_DROPOFF_M, this.config.SIM_MAX_DELIVERY_RADIUS_M);
    if (!dropoff) throw new Error(`service area "${this.area!.name}" has no room for a dropoff within ${this.config.SIM_MAX_DELIVERY_RADIUS_M} m of the hub`);
    const roll = this.rng();
    const priority: Priority = roll < 0.1 ? 'MEDICAL' : roll < 0.3 ? 'URGENT' : 'NORMAL';
    const order = await this.clients.MERCHANT.createOrder(
      {
        pickup_lat: this.hub.lat,
        pickup_lng: this.hub.lng,
        dropoff_lat: dropoff.lat,
        dropoff_lng: dropoff.lng,
        payload_weight_kg: Math.round(between(this.rng, 0.2, 2.2) * 10) / 10,
        payload_type: pick(this.rng, PAYLOADS),
        priority,
        customer_name: pick(this.rng, CUSTOMERS),
        customer_phone: `+23320${String(Math.floor(between(this.rng, 0, 1e7))).padStart(7, '0')}`,
      },
      randomUUID(),
    );
    this.stats.ordersCreated++;
    this.open.set(order.id, { otp: order.otp, checkedAt: Date.now(), confirming: false });
    this.logger.log(`order ${order.id} (${order.payload_weight_kg} kg ${order.payload_type}, ${priority}) to ${dropoff.lat}, ${dropoff.lng}`);
  }

  private async submit(orderId: string, jobId: string): Promise<void> {
    const seen = this.submissions.get(jobId);
    if (seen && (Date.now() - seen.atMs < RESUBMIT_AFTER_MS || seen.count >= MAX_SUBMISSIONS_PER_JOB)) return;
    try {
      const s = await this.clients.OPS.submitMissionIntent(orderId);
      this.stats.intentsSubmitted++;
      this.submissions.set(jobId, { count: (seen?.count ?? 0) + 1, atMs: Date.now() });
      if ((seen?.count ?? 0) + 1 === MAX_SUBMISSIONS_PER_JOB) this.logger.warn(`order ${orderId}: intent ${s.intent_id} is the last the driver submits for job ${jobId}; reassign it by hand if it is refused`);
    } catch (err) {
      // 409: the order moved on (accepted meanwhile, canceled); nothing to do.
      if (!(err instanceof ApiClientError && err.status === 409)) throw err;
    }
  }

  /** The bridge says the payload is down and the order is DELIVERING: record the proof at once. */
  private async confirmDrop(p: DroppedPayload): Promise<void> {
    try {
      await this.recordProof(p.orderId);
    } catch (err) {
      this.stats.errors++;
      this.logger.warn(`proof of delivery for order ${p.orderId} failed: ${(err as Error).message}`);
    }
  }

  private async recordProof(orderId: string): Promise<void> {
    const open = this.open.get(orderId);
    if (open?.confirming) return;
    if (open) open.confirming = true;
    try {
      // The customer's code when the driver created the order; an operator's confirmation otherwise.
      const viaOtp = open?.otp != null;
      if (viaOtp) await this.clients.MERCHANT.createPod(orderId, { method: 'OTP', otp: open!.otp!, notes: 'handed over at the door (simulated)' }, randomUUID());
      else await this.clients.OPS.createPod(orderId, { method: 'OPERATOR_CONFIRM', notes: 'drop confirmed on the GCS video feed (simulated)' }, randomUUID());
      this.stats.proofsRecorded++;
      this.settle(orderId, 'DELIVERED');
      this.logger.log(`order ${orderId} DELIVERED (${viaOtp ? 'OTP' : 'operator confirmation'})`);
    } catch (err) {
      if (open) open.confirming = false;
      // 409: not DELIVERING (any more): someone else recorded it, or the attempt ended.
      if (!(err instanceof ApiClientError && err.status === 409)) throw err;
    }
  }

  private async confirmStuckDeliveries(): Promise<void> {
    const delivering = await this.clients.OPS.listOrders({ status: 'DELIVERING', limit: 200 });
    const now = new Set(delivering.items.map((o) => o.id));
    for (const id of now) if (this.deliveringSeen.has(id)) await this.recordProof(id);
    this.deliveringSeen = now;
  }

  private async refreshOpenOrders(): Promise<void> {
    const oldest = [...this.open.entries()].sort((a, b) => a[1].checkedAt - b[1].checkedAt).slice(0, REFRESH_PER_STEP);
    for (const [id, o] of oldest) {
      let order: OrderDto;
      try {
        order = await this.clients.MERCHANT.getOrder(id);
      } catch (err) {
        if (err instanceof ApiClientError && err.status === 404) this.open.delete(id);
        else throw err;
        continue;
      }
      o.checkedAt = Date.now();
      if (TERMINAL_ORDER_STATUSES.includes(order.status)) this.settle(id, order.status);
    }
  }

  private settle(orderId: string, status: OrderDto['status']): void {
    if (!this.open.delete(orderId)) return;
    if (status === 'DELIVERED') this.stats.delivered++;
    else {
      this.stats.endedUndelivered++;
      this.logger.warn(`order ${orderId} ended ${status}`);
    }
  }
}
