import type { IngestResult, DroneLatestDetail, LatestTelemetryResponse } from './telemetry-responses.js';
import type { TelemetryPacket } from './telemetry-v2.dto.js';
import type { FanoutHealthResponse, FanoutTargetsResponse } from '../fanout/fanout.dto.js';
import { ApiClientError, HttpJsonClient, type HttpJsonClientOptions } from '../http/http-json.client.js';

export interface LatestQuery {
  /** minLon,minLat,maxLon,maxLat */
  bbox?: [number, number, number, number];
  /** Only drones seen at or after this time. */
  since?: string | Date;
}

/** Typed client of fleet-api's HTTP API, for the services, the simulator and the web app. */
export class FleetApiClient {
  private readonly http: HttpJsonClient;

  constructor(options: HttpJsonClientOptions) {
    this.http = new HttpJsonClient(options);
  }

  postTelemetry(packets: TelemetryPacket | TelemetryPacket[], apiKey: string): Promise<IngestResult> {
    return this.http.request('POST', '/api/v1/telemetry', { body: packets, headers: { 'X-API-Key': apiKey } });
  }

  getLatest(query: LatestQuery = {}): Promise<LatestTelemetryResponse> {
    const params = new URLSearchParams();
    if (query.bbox) params.set('bbox', query.bbox.join(','));
    if (query.since) params.set('since', new Date(query.since).toISOString());
    const qs = params.toString();
    return this.http.request('GET', `/api/v1/telemetry/latest${qs ? `?${qs}` : ''}`);
  }

  /** The drone's latest state, or null when fleet-api has never heard from it. */
  async getDroneLatest(droneId: string): Promise<DroneLatestDetail | null> {
    try {
      return await this.http.request('GET', `/api/v1/telemetry/${encodeURIComponent(droneId)}/latest`);
    } catch (err) {
      if (err instanceof ApiClientError && err.status === 404) return null;
      throw err;
    }
  }

  getFanoutTargets(adminKey: string): Promise<FanoutTargetsResponse> {
    return this.http.request('GET', '/api/v1/fanout/targets', { headers: { 'X-API-Key': adminKey } });
  }

  getFanoutHealth(adminKey: string): Promise<FanoutHealthResponse> {
    return this.http.request('GET', '/api/v1/fanout/health', { headers: { 'X-API-Key': adminKey } });
  }
}
