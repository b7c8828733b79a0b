import { TELEMETRY_V1 } from '@wingxtra/contracts';
import { HttpError } from '../api/http-error.js';
import type { TrackQuery } from './airspace.repository.js';

const RFC3339 = new RegExp(TELEMETRY_V1.timestampPattern);
/** Without `since`: tracks seen in the last 5 minutes. */
export const DEFAULT_SINCE_MS = 5 * 60_000;
/** `since` may reach back at most this far (older reports are history, not traffic). */
export const MAX_LOOKBACK_MS = 24 * 3600_000;
export const MAX_TRACKS = 5000;

/** Parses ?bbox=minLon,minLat,maxLon,maxLat&since=<RFC 3339>&limit=N; 400 with the reason otherwise. */
export function parseTracksQuery(q: { bbox?: string; since?: string; limit?: string }, nowMs = Date.now()): TrackQuery {
  const query: TrackQuery = { since: new Date(nowMs - DEFAULT_SINCE_MS), limit: 1000 };
  if (q.bbox !== undefined) {
    const parts = q.bbox.split(',').map((p) => (p.trim() === '' ? NaN : Number(p)));
    if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) throw new HttpError(400, 'bbox must be four numbers: minLon,minLat,maxLon,maxLat');
    const [minLon, minLat, maxLon, maxLat] = parts as [number, number, number, number];
    if ([minLon, maxLon].some((v) => v < -180 || v > 180) || [minLat, maxLat].some((v) => v < -90 || v > 90)) {
      throw new HttpError(400, 'bbox longitudes must be within -180..180 and latitudes within -90..90');
    }
    if (minLat > maxLat) throw new HttpError(400, 'bbox minLat must not exceed maxLat');
    query.bbox = { minLon, minLat, maxLon, maxLat };
  }
  if (q.since !== undefined) {
    const ms = RFC3339.test(q.since) ? Date.parse(q.since) : NaN;
    if (Number.isNaN(ms)) throw new HttpError(400, 'since must be an RFC 3339 time, such as 2026-12-01T12:00:00Z');
    if (ms < nowMs - MAX_LOOKBACK_MS) throw new HttpError(400, 'since must be within the last 24 hours');
    query.since = new Date(ms);
  }
  if (q.limit !== undefined) {
    const n = /^\d+$/.test(q.limit) ? Number(q.limit) : NaN;
    if (!Number.isInteger(n) || n < 1 || n > MAX_TRACKS) throw new HttpError(400, `limit must be an integer from 1 to ${MAX_TRACKS}`);
    query.limit = n;
  }
  return query;
}
