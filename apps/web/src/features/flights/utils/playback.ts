import type { TrackPoint } from '@wingxtra/contracts/client';

export interface PlaybackSample {
  atMs: number;
  lat: number;
  lon: number;
  altM: number | null;
  speedMps: number | null;
  voltageV: number | null;
  /** Direction of travel from the surrounding samples, degrees clockwise from north (null when standing). */
  headingDeg: number | null;
}

/** The samples that have a position, in time order. */
export function positioned(points: readonly TrackPoint[]): TrackPoint[] {
  return points.filter((p) => p[1] !== null && p[2] !== null).sort((a, b) => a[0] - b[0]);
}

function bearing(lat1: number, lon1: number, lat2: number, lon2: number): number | null {
  if (lat1 === lat2 && lon1 === lon2) return null;
  const r = Math.PI / 180;
  const y = Math.sin((lon2 - lon1) * r) * Math.cos(lat2 * r);
  const x = Math.cos(lat1 * r) * Math.sin(lat2 * r) - Math.sin(lat1 * r) * Math.cos(lat2 * r) * Math.cos((lon2 - lon1) * r);
  return ((Math.atan2(y, x) / r) + 360) % 360;
}

/**
 * Where the drone was at a moment of the playback: interpolated between the two samples around it (held at
 * the ends). `points` must come from positioned().
 */
export function sampleAt(points: readonly TrackPoint[], atMs: number): PlaybackSample | null {
  if (points.length === 0) return null;
  let lo = 0;
  let hi = points.length - 1;
  if (atMs <= points[0]![0]) hi = 0;
  else if (atMs >= points[hi]![0]) lo = hi;
  else {
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (points[mid]![0] <= atMs) lo = mid;
      else hi = mid;
    }
  }
  const a = points[lo]!;
  const b = points[hi]!;
  const f = b[0] === a[0] ? 0 : (atMs - a[0]) / (b[0] - a[0]);
  const mix = (x: number | null, y: number | null) => (x === null || y === null ? (f < 0.5 ? x : y) : x + (y - x) * f);
  const next = points[Math.min(hi === lo ? hi + 1 : hi, points.length - 1)]!;
  const prev = points[Math.max(0, hi === lo ? lo - 1 : lo)]!;
  return {
    atMs: Math.min(Math.max(atMs, points[0]![0]), points[points.length - 1]![0]),
    lat: mix(a[1], b[1])!,
    lon: mix(a[2], b[2])!,
    altM: mix(a[3], b[3]),
    speedMps: mix(a[4], b[4]),
    voltageV: mix(a[5], b[5]),
    headingDeg: bearing(prev[1]!, prev[2]!, next[1]!, next[2]!),
  };
}
