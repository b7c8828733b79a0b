import { ApiClientError, HttpJsonClient, type HttpJsonClientOptions } from '../http/http-json.client.js';
import type { AcknowledgeAlertDto, AlertDto, AlertListDto, AlertListQueryDto } from './alert.dto.js';
import type { DroneEventListDto, DroneEventListQueryDto } from './drone-event.dto.js';
import type {
  DroneDto,
  DroneKeyDto,
  DroneKeyListDto,
  DroneListDto,
  DroneListQueryDto,
  RegisterDroneDto,
  RegisteredDroneDto,
  RotatedDroneKeyDto,
  RotateDroneKeyDto,
  UpdateDroneDto,
} from './drone.dto.js';
import type { CreateGeofenceDto, GeofenceDto, GeofenceListDto, GeofenceListQueryDto, UpdateGeofenceDto } from './geofence.dto.js';
import type { HeartbeatAckDto, HeartbeatDto, HeartbeatListDto, HeartbeatListQueryDto } from './heartbeat.dto.js';

function query(params: object): string {
  const qs = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== null).map(([k, v]) => [k, String(v)])).toString();
  return qs ? `?${qs}` : '';
}

const id = encodeURIComponent;

/**
 * Typed client of fleet-api's registry, geofence and alert endpoints, for the web app, delivery-service and
 * tests. Staff calls carry a bearer token (delivery-service's JWT: ADMIN for writes, OPS or ADMIN for reads) or
 * fleet-api's ADMIN_API_KEY; a drone's own calls (heartbeats) carry its API key.
 */
export class FleetRegistryClient {
  private readonly http: HttpJsonClient;
  /** Bearer token sent with staff calls. */
  token: string | undefined;
  /** ADMIN_API_KEY, sent as X-API-Key with staff calls when there is no token. */
  adminKey: string | undefined;

  constructor(options: HttpJsonClientOptions & { token?: string; adminKey?: string }) {
    this.http = new HttpJsonClient(options);
    this.token = options.token;
    this.adminKey = options.adminKey;
  }

  private staff<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = this.token ? { authorization: `Bearer ${this.token}` } : this.adminKey ? { 'x-api-key': this.adminKey } : {};
    return this.http.request<T>(method, path, { body, headers });
  }

  registerDrone(drone: RegisterDroneDto): Promise<RegisteredDroneDto> {
    return this.staff('POST', '/api/v1/drones', drone);
  }

  listDrones(q: DroneListQueryDto = {}): Promise<DroneListDto> {
    return this.staff('GET', `/api/v1/drones${query(q)}`);
  }

  /** The drone, or null when it is not registered. */
  async getDrone(droneId: string): Promise<DroneDto | null> {
    try {
      return await this.staff<DroneDto>('GET', `/api/v1/drones/${id(droneId)}`);
    } catch (err) {
      if (err instanceof ApiClientError && err.status === 404) return null;
      throw err;
    }
  }

  updateDrone(droneId: string, patch: UpdateDroneDto): Promise<DroneDto> {
    return this.staff('PATCH', `/api/v1/drones/${id(droneId)}`, patch);
  }

  /** Deactivates the drone and revokes its keys. */
  deactivateDrone(droneId: string): Promise<DroneDto> {
    return this.staff('DELETE', `/api/v1/drones/${id(droneId)}`);
  }

  listKeys(droneId: string): Promise<DroneKeyListDto> {
    return this.staff('GET', `/api/v1/drones/${id(droneId)}/keys`);
  }

  rotateKey(droneId: string, body: RotateDroneKeyDto = {}): Promise<RotatedDroneKeyDto> {
    return this.staff('POST', `/api/v1/drones/${id(droneId)}/keys/rotate`, body);
  }

  revokeKey(droneId: string, keyId: string): Promise<DroneKeyDto> {
    return this.staff('POST', `/api/v1/drones/${id(droneId)}/keys/${id(keyId)}/revoke`, {});
  }

  listEvents(droneId: string, q: DroneEventListQueryDto = {}): Promise<DroneEventListDto> {
    return this.staff('GET', `/api/v1/drones/${id(droneId)}/events${query(q)}`);
  }

  /** A drone's stored heartbeats, newest first (kept HEARTBEAT_RETENTION_DAYS). */
  listHeartbeats(droneId: string, q: HeartbeatListQueryDto = {}): Promise<HeartbeatListDto> {
    return this.staff('GET', `/api/v1/drones/${id(droneId)}/heartbeats${query(q)}`);
  }

  /** A companion computer's heartbeat, sent with the drone's own API key. */
  sendHeartbeat(droneId: string, heartbeat: HeartbeatDto, droneKey: string): Promise<HeartbeatAckDto> {
    return this.http.request('POST', `/api/v1/drones/${id(droneId)}/heartbeat`, { body: heartbeat, headers: { 'x-api-key': droneKey } });
  }

  /** Active geofences of both kinds (what delivery-service checks dropoffs against), or as asked. */
  listGeofences(q: GeofenceListQueryDto = {}): Promise<GeofenceListDto> {
    return this.staff('GET', `/api/v1/geofences${query(q)}`);
  }

  getGeofence(geofenceId: string): Promise<GeofenceDto> {
    return this.staff('GET', `/api/v1/geofences/${id(geofenceId)}`);
  }

  createGeofence(fence: CreateGeofenceDto): Promise<GeofenceDto> {
    return this.staff('POST', '/api/v1/geofences', fence);
  }

  updateGeofence(geofenceId: string, patch: UpdateGeofenceDto): Promise<GeofenceDto> {
    return this.staff('PATCH', `/api/v1/geofences/${id(geofenceId)}`, patch);
  }

  deleteGeofence(geofenceId: string): Promise<void> {
    return this.staff('DELETE', `/api/v1/geofences/${id(geofenceId)}`);
  }

  listAlerts(q: AlertListQueryDto = {}): Promise<AlertListDto> {
    return this.staff('GET', `/api/v1/alerts${query(q)}`);
  }

  getAlert(alertId: string): Promise<AlertDto> {
    return this.staff('GET', `/api/v1/alerts/${id(alertId)}`);
  }

  acknowledgeAlert(alertId: string, body: AcknowledgeAlertDto = {}): Promise<AlertDto> {
    return this.staff('POST', `/api/v1/alerts/${id(alertId)}/acknowledge`, body);
  }
}
