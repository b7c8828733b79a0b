import { HttpJsonClient, type HttpJsonClientOptions } from '../http/http-json.client.js';
import type { AirspaceKitListDto, AirspaceTrackListDto } from './airspace.dto.js';

export interface AirspaceTracksQuery {
  /** minLon,minLat,maxLon,maxLat (minLon > maxLon crosses the antimeridian). */
  bbox?: [number, number, number, number];
  /** Only tracks seen at or after this time (analytics-worker's default: the last 5 minutes). */
  since?: string | Date;
}

/** Typed client of analytics-worker's airspace API (bearer JWT, OPS or ADMIN). */
export class AirspaceApiClient {
  private readonly http: HttpJsonClient;
  token: string | undefined;

  constructor(options: HttpJsonClientOptions & { token?: string }) {
    this.http = new HttpJsonClient(options);
    this.token = options.token;
  }

  private get<T>(path: string, token = this.token): Promise<T> {
    return this.http.request<T>('GET', path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  }

  /** The latest position of every aircraft and drone detected in the box since the time. */
  getTracks(query: AirspaceTracksQuery = {}, token?: string): Promise<AirspaceTrackListDto> {
    const params = new URLSearchParams();
    if (query.bbox) params.set('bbox', query.bbox.join(','));
    if (query.since) params.set('since', new Date(query.since).toISOString());
    const qs = params.toString();
    return this.get(`/api/v1/airspace/tracks${qs ? `?${qs}` : ''}`, token);
  }

  /** Every configured detection kit with its health and statistics. */
  getKits(token?: string): Promise<AirspaceKitListDto> {
    return this.get('/api/v1/airspace/kits', token);
  }
}
