import { HttpJsonClient, type HttpJsonClientOptions } from '../http/http-json.client.js';
import type { DispatchRunResultDto, DroneEligibilityListDto, AssignOrderDto, DeliveryJobWindowListDto, ServiceAreaListDto } from './dispatch.dto.js';
import type { DeliveryEventListDto } from './delivery-event.dto.js';
import type { MissionSubmissionDto } from './mission-intent.dto.js';
import type { CreatedOrderDto, CreateOrderDto, OrderDto, OrderListDto, OrderListQueryDto, UpdateOrderDto, RescheduleOrderDto } from './order.dto.js';
import type { CreatePodDto, PodDto } from './pod.dto.js';
import type { TrackingViewDto } from './tracking.dto.js';

/**
 * Typed client of delivery-service's HTTP API (bearer JWT), for the web app, the simulator and tests. Drones and
 * geofences are registered in fleet-api, not here: FleetRegistryClient.
 */
export class DeliveryApiClient {
  private readonly http: HttpJsonClient;

  constructor(options: HttpJsonClientOptions & { token?: string }) {
    this.http = new HttpJsonClient(options);
    this.token = options.token;
  }

  token: string | undefined;

  private call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const auth: Record<string, string> = this.token ? { authorization: `Bearer ${this.token}` } : {};
    return this.http.request<T>(method, path, { body, headers: { ...auth, ...headers } });
  }

  createOrder(order: CreateOrderDto, idempotencyKey?: string): Promise<CreatedOrderDto> {
    return this.call('POST', '/api/v1/orders', order, idempotencyKey ? { 'idempotency-key': idempotencyKey } : {});
  }

  getOrder(id: string): Promise<OrderDto> {
    return this.call('GET', `/api/v1/orders/${encodeURIComponent(id)}`);
  }

  listOrders(query: OrderListQueryDto = {}): Promise<OrderListDto> {
    const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
    const qs = params.toString();
    return this.call('GET', `/api/v1/orders${qs ? `?${qs}` : ''}`);
  }

  updateOrder(id: string, patch: UpdateOrderDto): Promise<OrderDto> {
    return this.call('PATCH', `/api/v1/orders/${encodeURIComponent(id)}`, patch);
  }

  cancelOrder(id: string, reason?: string): Promise<OrderDto> {
    return this.call('POST', `/api/v1/orders/${encodeURIComponent(id)}/cancel`, { reason });
  }

  rescheduleOrder(id: string, body: RescheduleOrderDto): Promise<OrderDto> {
    return this.call('POST', `/api/v1/orders/${encodeURIComponent(id)}/reschedule`, body);
  }

  getEvents(id: string, cursor?: string): Promise<DeliveryEventListDto> {
    return this.call('GET', `/api/v1/orders/${encodeURIComponent(id)}/events${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`);
  }

  runDispatch(limit?: number): Promise<DispatchRunResultDto> {
    return this.call('POST', '/api/v1/dispatch/run', limit === undefined ? {} : { limit });
  }

  assignOrder(id: string, body: AssignOrderDto): Promise<OrderDto> {
    return this.call('POST', `/api/v1/orders/${encodeURIComponent(id)}/assign`, body);
  }

  getCandidates(id: string): Promise<DroneEligibilityListDto> {
    return this.call('GET', `/api/v1/orders/${encodeURIComponent(id)}/candidates`);
  }

  submitMissionIntent(id: string): Promise<MissionSubmissionDto> {
    return this.call('POST', `/api/v1/orders/${encodeURIComponent(id)}/submit-mission-intent`, {});
  }

  /** Proof of delivery by OTP or operator confirmation (photos and signatures go as multipart). */
  createPod(id: string, pod: CreatePodDto, idempotencyKey?: string): Promise<PodDto> {
    return this.call('POST', `/api/v1/orders/${encodeURIComponent(id)}/pod`, pod, idempotencyKey ? { 'idempotency-key': idempotencyKey } : {});
  }

  /** fleet-api's active service areas and no-fly zones, as delivery-service validates orders against them (merchants too). */
  listServiceAreas(): Promise<ServiceAreaListDto> {
    return this.call('GET', '/api/v1/service-areas');
  }

  /** Delivery jobs of a drone that overlap [from, to] (OPS/ADMIN): which order a flight belonged to. */
  getJobWindows(droneId: string, from: Date | string, to: Date | string): Promise<DeliveryJobWindowListDto> {
    const qs = new URLSearchParams({ drone_id: droneId, from: new Date(from).toISOString(), to: new Date(to).toISOString() });
    return this.call('GET', `/api/v1/dispatch/jobs?${qs}`);
  }

  getTracking(publicTrackingId: string): Promise<TrackingViewDto> {
    return this.call('GET', `/api/v1/tracking/${encodeURIComponent(publicTrackingId)}`);
  }
}
