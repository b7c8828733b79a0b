import type { TrackPoint } from '@wingxtra/contracts';
import type { RawSample } from '../history/telemetry-raw.repository.js';

/**
 * At most `max` points, evenly spaced over the samples, always keeping the first and the last (a 200 Hz
 * flight of an hour is 720,000 samples; a chart or a map needs a few thousand).
 */
export function downsample(samples: RawSample[], max: number): TrackPoint[] {
  if (samples.length === 0 || max <= 0) return [];
  const pick = samples.length <= max ? samples : Array.from({ length: max }, (_, i) => samples[Math.round((i * (samples.length - 1)) / Math.max(1, max - 1))]);
  return pick.map((s) => [s.ts.getTime(), s.lat, s.lon, s.alt_m, s.groundspeed_mps, s.voltage_v, s.current_a]);
}
