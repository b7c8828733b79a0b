/**
 * One telemetry packet as the flight logic sees it, flattened from whatever the drone sent. Every field but the
 * time may be missing on any sample: v1 drones (the canonical schema) send position, yaw, groundspeed, armed,
 * mode, voltage and remaining % only; newer drones add throttle, current, mAh drawn, roll and pitch.
 */
export interface TelemetrySample {
  /** Epoch milliseconds. */
  tsMs: number;
  lat?: number;
  lon?: number;
  altM?: number;
  groundspeedMps?: number;
  /** Vertical speed, positive up. Carried for consumers; the flight logic does not use it. */
  vzMps?: number;
  armed?: boolean;
  mode?: string;
  voltageV?: number;
  currentA?: number;
  /** The flight controller's running mAh counter. */
  mahDrawn?: number;
  remainingPct?: number;
  /** 0..1 (ingestion normalises 0..1000 or percent scales before this point). */
  throttle?: number;
  rollDeg?: number;
  pitchDeg?: number;
  yawDeg?: number;
}

/** A usable number: NaN and ±Infinity from bad parsing count as absent, so no metric can turn into NaN. */
export function isNum(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/** A GPS fix: in range, and not the (0, 0) that receivers without a fix report, which would add a continent-long hop. */
export function hasFix(s: TelemetrySample): s is TelemetrySample & { lat: number; lon: number } {
  if (!isNum(s.lat) || !isNum(s.lon)) return false;
  if (Math.abs(s.lat) > 90 || Math.abs(s.lon) > 180) return false;
  return !(s.lat === 0 && s.lon === 0);
}

/**
 * The shared input contract: one drone's samples in non-decreasing tsMs order (equal times are allowed and
 * taken in array order). Throws a RangeError naming the first offending index, because silently sorting would
 * hide a broken query upstream.
 */
export function assertChronological(samples: readonly TelemetrySample[]): void {
  for (let i = 0; i < samples.length; i++) {
    const t = samples[i].tsMs;
    if (!isNum(t)) throw new RangeError(`samples[${i}].tsMs is not a finite number`);
    if (i > 0 && t < samples[i - 1].tsMs) throw new RangeError(`samples must be sorted by tsMs: samples[${i}] is earlier than samples[${i - 1}]`);
  }
}
