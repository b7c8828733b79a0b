/**
 * Per-flight metrics from one flight's samples (sorted by tsMs, as the sessionizer's input contract; unsorted
 * input throws). Pure and linear apart from one sort for the voltage-sag median.
 *
 * Conventions, so every value is JSON-safe and comparable across drones:
 *   - a field whose inputs are absent is null; fields present but NaN/Infinity count as absent;
 *   - metrics needing a difference or an integral (distance, energy, mAh, battery %, averages over time) need
 *     at least two samples carrying their inputs, otherwise null; extremes need one;
 *   - integrals use the trapezoid rule over consecutive samples carrying the input, so a data gap is bridged
 *     linearly rather than dropped;
 *   - numbers are rounded to a precision the sensors can support (see ROUND).
 */
import { haversineM } from './geo.js';
import { assertChronological, hasFix, isNum, type TelemetrySample } from './sample.js';

/** Bump when a definition below changes, so stored metrics can be recomputed. */
export const FLIGHT_METRICS_VERSION = 1;

export interface PowerSpeedBin {
  /** Groundspeed bin [from_mps, to_mps). */
  from_mps: number;
  to_mps: number;
  /** Mean of V·I over the bin's samples. */
  mean_power_w: number;
  sample_count: number;
}

export interface DataGaps {
  /** Inter-sample intervals longer than DATA_GAP_S. */
  count: number;
  /** Sum of those intervals, in full. */
  total_s: number;
  /** The longest of them; 0 when there are none. */
  max_gap_s: number;
}

export interface FlightMetrics {
  sample_count: number;
  duration_s: number | null;
  distance_m: number | null;
  max_alt_m: number | null;
  max_groundspeed_mps: number | null;
  avg_groundspeed_mps: number | null;
  mah_used: number | null;
  wh_used: number | null;
  wh_per_km: number | null;
  min_voltage_v: number | null;
  voltage_sag_v: number | null;
  max_current_a: number | null;
  power_vs_speed: PowerSpeedBin[] | null;
  throttle_smoothness: number | null;
  roll_std_deg: number | null;
  pitch_std_deg: number | null;
  yaw_std_deg: number | null;
  battery_pct_used: number | null;
  data_gaps: DataGaps;
}

/** An interval between samples longer than this counts as a data gap. */
export const DATA_GAP_S = 1;
/** Below this distance Wh/km is mostly noise (hover, GPS jitter), so it is null. */
export const MIN_DISTANCE_FOR_WH_PER_KM_M = 100;
/** Width of the groundspeed bins of power_vs_speed. */
export const SPEED_BIN_MPS = 2;

/** Decimal places by unit: ms for seconds, dm for metres, cm/s, 0.1 mAh, mWh, cV, cA, 0.1 W, 0.1 %, 0.01°. */
const ROUND = { s: 3, m: 1, mps: 2, mah: 1, wh: 3, whPerKm: 2, v: 2, a: 2, w: 1, pct: 1, deg: 2, perS: 4 } as const;

function round(x: number | null, decimals: number): number | null {
  if (x === null || !Number.isFinite(x)) return null;
  const f = 10 ** decimals;
  const r = Math.round(x * f) / f;
  return r === 0 ? 0 : r; // no -0 in stored JSON or test comparisons
}

/** Times (s) and values of the samples that carry one input. */
interface Series {
  t: Float64Array;
  v: Float64Array;
}

/** A Series being filled: typed arrays sized once, so 10k+ points cause no GC churn. */
class Column implements Series {
  private readonly ts: Float64Array;
  private readonly vs: Float64Array;
  private n = 0;

  constructor(capacity: number) {
    this.ts = new Float64Array(capacity);
    this.vs = new Float64Array(capacity);
  }

  add(tS: number, x: number | undefined): void {
    if (!isNum(x)) return;
    this.ts[this.n] = tS;
    this.vs[this.n++] = x;
  }

  get t(): Float64Array {
    return this.ts.subarray(0, this.n);
  }

  get v(): Float64Array {
    return this.vs.subarray(0, this.n);
  }
}

/** Every per-sample input, read in one pass over the samples. */
interface Columns {
  alt: Series;
  speed: Series;
  volts: Series;
  amps: Series;
  mah: Series;
  pct: Series;
  throttle: Series;
  roll: Series;
  pitch: Series;
  yaw: Series;
  /** V·I, for samples carrying both. */
  power: Series;
  /** Voltage and current of the samples carrying both, index-aligned (for voltage sag). */
  loadV: Series;
  loadA: Series;
}

function columns(samples: readonly TelemetrySample[]): Columns {
  const n = samples.length;
  const c = {
    alt: new Column(n), speed: new Column(n), volts: new Column(n), amps: new Column(n), mah: new Column(n),
    pct: new Column(n), throttle: new Column(n), roll: new Column(n), pitch: new Column(n), yaw: new Column(n),
    power: new Column(n), loadV: new Column(n), loadA: new Column(n),
  };
  for (const s of samples) {
    const t = s.tsMs / 1000;
    c.alt.add(t, s.altM);
    c.speed.add(t, s.groundspeedMps);
    c.volts.add(t, s.voltageV);
    c.amps.add(t, s.currentA);
    c.mah.add(t, s.mahDrawn);
    c.pct.add(t, s.remainingPct);
    c.throttle.add(t, s.throttle);
    c.roll.add(t, s.rollDeg);
    c.pitch.add(t, s.pitchDeg);
    c.yaw.add(t, s.yawDeg);
    if (isNum(s.voltageV) && isNum(s.currentA)) {
      c.power.add(t, s.voltageV * s.currentA);
      c.loadV.add(t, s.voltageV);
      c.loadA.add(t, s.currentA);
    }
  }
  return c;
}

/** ∫ v dt (value·seconds) by trapezoid; null with fewer than two points. */
function integrate({ t, v }: Series): number | null {
  if (v.length < 2) return null;
  let sum = 0;
  for (let i = 1; i < v.length; i++) sum += ((v[i] + v[i - 1]) / 2) * (t[i] - t[i - 1]);
  return sum;
}

type Values = ArrayLike<number>;

function max(v: Values): number | null {
  if (!v.length) return null;
  let m = v[0];
  for (let i = 1; i < v.length; i++) if (v[i] > m) m = v[i];
  return m;
}

function min(v: Values): number | null {
  if (!v.length) return null;
  let m = v[0];
  for (let i = 1; i < v.length; i++) if (v[i] < m) m = v[i];
  return m;
}

function mean(v: Values): number | null {
  if (!v.length) return null;
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i];
  return sum / v.length;
}

function median(v: Values): number | null {
  if (!v.length) return null;
  const sorted = Float64Array.from(v).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Population standard deviation (two passes, stable for large offsets such as 90° ± noise). */
function std(v: Values): number | null {
  const m = mean(v);
  if (m === null) return null;
  let sq = 0;
  for (let i = 0; i < v.length; i++) sq += (v[i] - m) ** 2;
  return Math.sqrt(sq / v.length);
}

/**
 * Circular standard deviation sqrt(-2 ln R) in degrees, R the mean resultant length, so headings either side
 * of north (359°, 1°) are 2° apart, not 358°. It grows without bound as headings spread evenly; R is clamped at
 * 1e-9 (≈ 369°) to keep the value finite.
 */
function circularStdDeg(deg: Values): number | null {
  if (!deg.length) return null;
  let c = 0;
  let s = 0;
  for (let i = 0; i < deg.length; i++) {
    c += Math.cos((deg[i] * Math.PI) / 180);
    s += Math.sin((deg[i] * Math.PI) / 180);
  }
  const r = Math.min(1, Math.max(1e-9, Math.hypot(c, s) / deg.length));
  return (Math.sqrt(-2 * Math.log(r)) * 180) / Math.PI;
}

function durationS(samples: readonly TelemetrySample[]): number | null {
  return samples.length ? (samples[samples.length - 1].tsMs - samples[0].tsMs) / 1000 : null;
}

/** Haversine over consecutive fixes (samples without a fix are skipped, not treated as a break). */
function distanceM(samples: readonly TelemetrySample[]): number | null {
  let prev: { lat: number; lon: number } | null = null;
  let sum = 0;
  let fixes = 0;
  for (const s of samples) {
    if (!hasFix(s)) continue;
    if (prev) sum += haversineM(prev.lat, prev.lon, s.lat, s.lon);
    prev = s;
    fixes++;
  }
  return fixes >= 2 ? sum : null;
}

/** Time-weighted mean: ∫v dt over the span the series covers; a plain mean when that span is zero. */
function timeWeightedMean(x: Series): number | null {
  if (x.v.length < 2) return null;
  const span = x.t[x.t.length - 1] - x.t[0];
  return span > 0 ? integrate(x)! / span : mean(x.v);
}

/**
 * From the flight controller's mAh counter when it has two readings (summing only increases, so a counter
 * reset mid-flight does not go negative), else ∫current dt: A·s / 3600 · 1000 = mAh.
 */
function mahUsed(counter: Values, amps: Series): number | null {
  if (counter.length >= 2) {
    let used = 0;
    for (let i = 1; i < counter.length; i++) used += Math.max(0, counter[i] - counter[i - 1]);
    return used;
  }
  const ampSeconds = integrate(amps);
  return ampSeconds === null ? null : ampSeconds / 3.6;
}

/**
 * Voltage sag: how far the pack drops under load. Median voltage at light load (current < 20 % of the flight's
 * maximum) minus the minimum voltage at heavy load (current ≥ 80 % of it). The median resists a single spike at
 * rest; the minimum is the sag that matters for brown-outs. Null without current, or when the flight never
 * had a light-load or heavy-load sample. volts and amps are index-aligned.
 */
function voltageSagV(volts: Float64Array, amps: Float64Array): number | null {
  const maxA = max(amps);
  if (maxA === null || maxA <= 0) return null;
  const rest = median(volts.filter((_, i) => amps[i] < 0.2 * maxA));
  const loaded = min(volts.filter((_, i) => amps[i] >= 0.8 * maxA));
  return rest === null || loaded === null ? null : rest - loaded;
}

/** Mean power per groundspeed bin of SPEED_BIN_MPS, only bins with samples, slowest first. */
function powerVsSpeed(samples: readonly TelemetrySample[]): PowerSpeedBin[] | null {
  const bins = new Map<number, { sum: number; n: number }>();
  for (const s of samples) {
    if (!isNum(s.voltageV) || !isNum(s.currentA) || !isNum(s.groundspeedMps)) continue;
    const k = Math.floor(Math.max(0, s.groundspeedMps) / SPEED_BIN_MPS);
    const bin = bins.get(k) ?? { sum: 0, n: 0 };
    bin.sum += s.voltageV * s.currentA;
    bin.n++;
    bins.set(k, bin);
  }
  if (!bins.size) return null;
  return [...bins.entries()]
    .sort(([a], [b]) => a - b)
    .map(([k, { sum, n }]) => ({
      from_mps: k * SPEED_BIN_MPS,
      to_mps: (k + 1) * SPEED_BIN_MPS,
      mean_power_w: round(sum / n, ROUND.w)!,
      sample_count: n,
    }));
}

/**
 * Total throttle travel per second: Σ|Δthrottle| / Σ Δt over consecutive throttle samples (1/s; lower is
 * smoother). Dividing totals rather than averaging per-pair rates keeps closely spaced samples at 200 Hz from
 * dominating. Null with fewer than two throttle samples or no elapsed time.
 */
function throttleSmoothness({ t, v }: Series): number | null {
  if (v.length < 2) return null;
  let travel = 0;
  for (let i = 1; i < v.length; i++) travel += Math.abs(v[i] - v[i - 1]);
  const span = t[t.length - 1] - t[0];
  return span > 0 ? travel / span : null;
}

function batteryPctUsed(pct: Values): number | null {
  return pct.length >= 2 ? pct[0] - pct[pct.length - 1] : null;
}

function dataGaps(samples: readonly TelemetrySample[]): DataGaps {
  let count = 0;
  let total = 0;
  let longest = 0;
  for (let i = 1; i < samples.length; i++) {
    const dt = (samples[i].tsMs - samples[i - 1].tsMs) / 1000;
    if (dt <= DATA_GAP_S) continue;
    count++;
    total += dt;
    longest = Math.max(longest, dt);
  }
  return { count, total_s: round(total, ROUND.s)!, max_gap_s: round(longest, ROUND.s)! };
}

/** Wh per km, null below MIN_DISTANCE_FOR_WH_PER_KM_M. */
function whPerKm(wh: number | null, distance: number | null): number | null {
  if (wh === null || distance === null || distance < MIN_DISTANCE_FOR_WH_PER_KM_M) return null;
  return wh / (distance / 1000);
}

export function computeFlightMetrics(samples: TelemetrySample[]): FlightMetrics {
  assertChronological(samples);
  const c = columns(samples);
  const distance = distanceM(samples);
  const ws = integrate(c.power);
  const wh = ws === null ? null : ws / 3600;
  return {
    sample_count: samples.length,
    duration_s: round(durationS(samples), ROUND.s),
    distance_m: round(distance, ROUND.m),
    max_alt_m: round(max(c.alt.v), ROUND.m),
    max_groundspeed_mps: round(max(c.speed.v), ROUND.mps),
    avg_groundspeed_mps: round(timeWeightedMean(c.speed), ROUND.mps),
    mah_used: round(mahUsed(c.mah.v, c.amps), ROUND.mah),
    wh_used: round(wh, ROUND.wh),
    wh_per_km: round(whPerKm(wh, distance), ROUND.whPerKm),
    min_voltage_v: round(min(c.volts.v), ROUND.v),
    voltage_sag_v: round(voltageSagV(c.loadV.v, c.loadA.v), ROUND.v),
    max_current_a: round(max(c.amps.v), ROUND.a),
    power_vs_speed: powerVsSpeed(samples),
    throttle_smoothness: round(throttleSmoothness(c.throttle), ROUND.perS),
    roll_std_deg: round(std(c.roll.v), ROUND.deg),
    pitch_std_deg: round(std(c.pitch.v), ROUND.deg),
    yaw_std_deg: round(circularStdDeg(c.yaw.v), ROUND.deg),
    battery_pct_used: round(batteryPctUsed(c.pct.v), ROUND.pct),
    data_gaps: dataGaps(samples),
  };
}
