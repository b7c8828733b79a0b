/**
 * Flight sessionization: where flights start and end in one drone's telemetry stream.
 *
 * Input contract (both exported functions): one drone's samples sorted by tsMs, non-decreasing (equal times are
 * taken in array order); anything else throws a RangeError. Start the input outside a flight (e.g. after the
 * previous closed flight's endMs) or at an open flight's openFromMs; idle samples before a flight are skipped.
 * A closed flight owns the samples with startMs <= tsMs <= endMs (both ends inclusive).
 *
 * Each sample is classified by the signals it carries, in this order:
 *   1. throttle present (drones that report it): active when throttle >= throttleIdle, otherwise idle
 *      ('throttle_idle');
 *   2. otherwise armed === false: 'disarmed', which ends a flight at once;
 *   3. otherwise groundspeed or altitude present: active when moving (groundspeed >= stationaryMps) or when the
 *      altitude leaves the steady band (see AltitudeBand), otherwise idle ('stationary'). A missing armed flag
 *      counts as armed so position-only drones are still sessionized by their motion;
 *   4. otherwise (e.g. a battery-only packet) no evidence either way: it neither starts nor extends a flight.
 *
 * A flight starts at its first active sample and ends at its last active sample (the idle tail is not part of
 * the flight) once one of these is observed:
 *   - idle for >= idleS, measured from the last active sample to a later sample. Only sample times count, not
 *     nowMs, so a batch that is merely late never splits a flight;
 *   - a disarmed sample (v1 drones);
 *   - a gap between consecutive samples, or between the last sample and nowMs, longer than gapS.
 */
import { assertChronological, isNum, type TelemetrySample } from './sample.js';

export interface SessionRules {
  /** Seconds of idleness (throttle low, or stationary) that end a flight. */
  idleS: number;
  /** Seconds without any telemetry that end a flight (FLIGHT_GAP_S). */
  gapS: number;
  /** Throttle (0..1) below which the motors count as idle. */
  throttleIdle: number;
  /** Groundspeed (m/s) below which a drone without throttle counts as not moving. */
  stationaryMps: number;
  /** Largest altitude range (m) over the idle window that still counts as stationary. */
  altitudeSteadyM: number;
}

export const DEFAULT_SESSION_RULES: SessionRules = Object.freeze({
  idleS: 10,
  gapS: 60,
  throttleIdle: 0.05,
  stationaryMps: 0.5,
  altitudeSteadyM: 1.0,
});

export type FlightEndReason = 'throttle_idle' | 'disarmed' | 'stationary' | 'gap';

export interface FlightBoundary {
  /** Time of the first active sample. */
  startMs: number;
  /** Time of the last active sample (inclusive). */
  endMs: number;
  reason: FlightEndReason;
}

export interface FlightSplit {
  closed: FlightBoundary[];
  /** startMs of the flight still in progress at nowMs, or null when none is. */
  openFromMs: number | null;
}

type Verdict = 'active' | 'throttle_idle' | 'stationary' | 'disarmed' | 'none';

/**
 * Altitude range seen since the last active sample; a sample outside the range allowed by altitudeSteadyM is
 * "altitude changing". Outside a flight the band restarts every idleS, so slow barometer drift while a drone
 * sits armed on the ground cannot add up to a take-off.
 */
class AltitudeBand {
  private sinceMs = 0;
  private min = Infinity;
  private max = -Infinity;

  fits(altM: number, steadyM: number): boolean {
    return Math.max(this.max, altM) - Math.min(this.min, altM) <= steadyM;
  }

  add(tsMs: number, altM: number | undefined): void {
    if (!isNum(altM)) return;
    if (this.min === Infinity) this.sinceMs = tsMs;
    this.min = Math.min(this.min, altM);
    this.max = Math.max(this.max, altM);
  }

  restart(tsMs: number, altM: number | undefined): void {
    this.min = Infinity;
    this.max = -Infinity;
    this.add(tsMs, altM);
  }

  olderThan(tsMs: number, ageMs: number): boolean {
    return this.min !== Infinity && tsMs - this.sinceMs > ageMs;
  }
}

function classify(s: TelemetrySample, band: AltitudeBand, rules: SessionRules): Verdict {
  if (isNum(s.throttle)) return s.throttle >= rules.throttleIdle ? 'active' : 'throttle_idle';
  if (s.armed === false) return 'disarmed';
  const speed = isNum(s.groundspeedMps) ? s.groundspeedMps : null;
  const alt = isNum(s.altM) ? s.altM : null;
  if (speed === null && alt === null) return 'none';
  const moving = speed !== null && speed >= rules.stationaryMps;
  const climbing = alt !== null && !band.fits(alt, rules.altitudeSteadyM);
  return moving || climbing ? 'active' : 'stationary';
}

interface OpenFlight {
  startMs: number;
  lastActiveMs: number;
  /** Why the flight would end if the current idle stretch lasts idleS; null while active. */
  idleReason: 'throttle_idle' | 'stationary' | null;
}

/** Feeds samples one at a time; returns a flight when the sample just pushed closes one. */
class FlightTracker {
  private flight: OpenFlight | null = null;
  private lastTsMs: number | null = null;
  private readonly band = new AltitudeBand();

  constructor(private readonly rules: SessionRules) {}

  get openFromMs(): number | null {
    return this.flight?.startMs ?? null;
  }

  push(s: TelemetrySample): FlightBoundary | null {
    const gapped = this.lastTsMs !== null && s.tsMs - this.lastTsMs > this.rules.gapS * 1000;
    this.lastTsMs = s.tsMs;
    if (!gapped) return this.step(s);
    // A gap closes the flight before the sample after it is looked at: that sample may start the next one (and,
    // with no flight open, cannot close one, so one push never yields two flights).
    const closedByGap = this.close('gap');
    this.band.restart(s.tsMs, undefined);
    this.step(s);
    return closedByGap;
  }

  /** Closes a still-open flight when the stream has been silent for longer than gapS at nowMs. */
  finish(nowMs: number): FlightBoundary | null {
    if (this.lastTsMs === null || nowMs - this.lastTsMs <= this.rules.gapS * 1000) return null;
    return this.close('gap');
  }

  private step(s: TelemetrySample): FlightBoundary | null {
    if (!this.flight && this.band.olderThan(s.tsMs, this.rules.idleS * 1000)) this.band.restart(s.tsMs, undefined);
    const verdict = classify(s, this.band, this.rules);
    if (verdict === 'active') {
      this.band.restart(s.tsMs, s.altM);
      if (this.flight) Object.assign(this.flight, { lastActiveMs: s.tsMs, idleReason: null });
      else this.flight = { startMs: s.tsMs, lastActiveMs: s.tsMs, idleReason: null };
      return null;
    }
    this.band.add(s.tsMs, s.altM);
    if (!this.flight) return null;
    if (verdict === 'disarmed') return this.close('disarmed');
    if (verdict !== 'none') this.flight.idleReason = verdict;
    const idleLongEnough = s.tsMs - this.flight.lastActiveMs >= this.rules.idleS * 1000;
    return this.flight.idleReason && idleLongEnough ? this.close(this.flight.idleReason) : null;
  }

  private close(reason: FlightEndReason): FlightBoundary | null {
    if (!this.flight) return null;
    const { startMs, lastActiveMs } = this.flight;
    this.flight = null;
    return { startMs, endMs: lastActiveMs, reason };
  }
}

/**
 * The first flight that both starts and ends within the samples (see the module comment for the rules and the
 * input contract), or null when none does. A trailing silence is not a gap here: only splitFlights knows nowMs.
 */
export function findFlightEnd(samples: TelemetrySample[], rules: SessionRules): FlightBoundary | null {
  assertChronological(samples);
  const tracker = new FlightTracker(rules);
  for (const s of samples) {
    const closed = tracker.push(s);
    if (closed) return closed;
  }
  return null;
}

/**
 * Every flight closed by the samples, or by silence longer than gapS at nowMs, plus the start of the flight
 * still in progress (still active, idle for less than idleS, and heard from within gapS of nowMs).
 */
export function splitFlights(samples: TelemetrySample[], rules: SessionRules, nowMs: number): FlightSplit {
  assertChronological(samples);
  const tracker = new FlightTracker(rules);
  const closed: FlightBoundary[] = [];
  for (const s of samples) {
    const flight = tracker.push(s);
    if (flight) closed.push(flight);
  }
  const silent = tracker.finish(nowMs);
  if (silent) closed.push(silent);
  return { closed, openFromMs: tracker.openFromMs };
}
