import { HttpJsonClient, type HttpJsonClientOptions } from '../http/http-json.client.js';
import type { DroneHistoryDto, FlightDetailDto, FlightListDto, FlightTrackGeoJson, LeaderboardDto, LeaderboardQueryDto } from './flight.dto.js';

/** 202 body of POST /api/v1/flights/{id}/recompute. */
export interface FlightRecomputeResult {
  flight_id: string;
  queued: true;
}

/** Typed client of analytics-worker's flights API (bearer JWT, OPS or ADMIN), for the web app and tests. */
export class AnalyticsApiClient {
  private readonly http: HttpJsonClient;

  constructor(options: HttpJsonClientOptions & { token?: string }) {
    this.http = new HttpJsonClient(options);
    this.token = options.token;
  }

  token: string | undefined;

  private call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = this.token ? { authorization: `Bearer ${this.token}` } : {};
    return this.http.request<T>(method, path, { body, headers });
  }

  /** A drone's flights, newest first; pass next_before back as `before` for the next, older page. */
  listFlights(droneId: string, query: { before?: string; limit?: number } = {}): Promise<FlightListDto> {
    const qs = new URLSearchParams();
    if (query.before) qs.set('before', query.before);
    if (query.limit !== undefined) qs.set('limit', String(query.limit));
    const q = qs.toString();
    return this.call('GET', `/api/v1/drones/${encodeURIComponent(droneId)}/flights${q ? `?${q}` : ''}`);
  }

  /** One flight with every computed metric and, when points > 0, at most that many samples. */
  getFlight(id: string, points = 0): Promise<FlightDetailDto> {
    return this.call('GET', `/api/v1/flights/${encodeURIComponent(id)}${points > 0 ? `?points=${points}` : ''}`);
  }

  getFlightTrack(id: string, points?: number): Promise<FlightTrackGeoJson> {
    return this.call('GET', `/api/v1/flights/${encodeURIComponent(id)}/track${points === undefined ? '' : `?points=${points}`}`);
  }

  recomputeFlight(id: string): Promise<FlightRecomputeResult> {
    return this.call('POST', `/api/v1/flights/${encodeURIComponent(id)}/recompute`);
  }

  getLeaderboard(query: LeaderboardQueryDto = {}): Promise<LeaderboardDto> {
    const qs = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
    const q = qs.toString();
    return this.call('GET', `/api/v1/analytics/leaderboard${q ? `?${q}` : ''}`);
  }

  /** A drone's stored telemetry between two times (playback), downsampled to at most `points`. */
  getDroneHistory(droneId: string, from: Date | string, to: Date | string, points?: number): Promise<DroneHistoryDto> {
    const qs = new URLSearchParams({ from: new Date(from).toISOString(), to: new Date(to).toISOString() });
    if (points !== undefined) qs.set('points', String(points));
    return this.call('GET', `/api/v1/drones/${encodeURIComponent(droneId)}/history?${qs}`);
  }
}
