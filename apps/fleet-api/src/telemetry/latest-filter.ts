import { BadRequestException } from '@nestjs/common';
import { TELEMETRY_V1 } from '@wingxtra/contracts';

const RFC3339 = new RegExp(TELEMETRY_V1.timestampPattern);

/** A lon/lat box; min > max in longitude means the box crosses the antimeridian. */
export class BoundingBox {
  constructor(
    readonly minLon: number,
    readonly minLat: number,
    readonly maxLon: number,
    readonly maxLat: number,
  ) {}

  toString(): string {
    return `${this.minLon},${this.minLat},${this.maxLon},${this.maxLat}`;
  }

  contains(p: { lat: number; lon: number } | null): boolean {
    if (!p) return false;
    if (p.lat < this.minLat || p.lat > this.maxLat) return false;
    return this.minLon <= this.maxLon ? p.lon >= this.minLon && p.lon <= this.maxLon : p.lon >= this.minLon || p.lon <= this.maxLon;
  }
}

export interface LatestFilter {
  bbox?: BoundingBox;
  sinceMs?: number;
}

/** Parses ?bbox=minLon,minLat,maxLon,maxLat and ?since=<RFC 3339>; 400 with the reason otherwise. */
export function parseLatestFilter(query: { bbox?: string; since?: string }): LatestFilter {
  const filter: LatestFilter = {};
  if (query.bbox !== undefined) {
    const parts = query.bbox.split(',').map((p) => (p.trim() === '' ? NaN : Number(p)));
    if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) {
      throw new BadRequestException('bbox must be four numbers: minLon,minLat,maxLon,maxLat');
    }
    const [minLon, minLat, maxLon, maxLat] = parts as [number, number, number, number];
    if ([minLon, maxLon].some((v) => v < -180 || v > 180) || [minLat, maxLat].some((v) => v < -90 || v > 90)) {
      throw new BadRequestException('bbox longitudes must be within -180..180 and latitudes within -90..90');
    }
    if (minLat > maxLat) throw new BadRequestException('bbox minLat must not exceed maxLat');
    filter.bbox = new BoundingBox(minLon, minLat, maxLon, maxLat);
  }
  if (query.since !== undefined) {
    const ms = RFC3339.test(query.since) ? Date.parse(query.since) : NaN;
    if (Number.isNaN(ms)) throw new BadRequestException('since must be an RFC 3339 time, such as 2026-02-16T12:00:00Z');
    filter.sinceMs = ms;
  }
  return filter;
}
