import type { TrackPoint } from '@wingxtra/contracts/client';

/** A flight's samples as columns for charts: time in epoch seconds, then each measure (null where unreported). */
export interface FlightSeries {
  t: number[];
  altitudeM: Array<number | null>;
  speedMps: Array<number | null>;
  /** Electrical power, voltage × current, in watts. */
  powerW: Array<number | null>;
  voltageV: Array<number | null>;
}

export function flightSeries(points: readonly TrackPoint[]): FlightSeries {
  const s: FlightSeries = { t: [], altitudeM: [], speedMps: [], powerW: [], voltageV: [] };
  for (const [ms, , , alt, speed, volt, amps] of points) {
    s.t.push(ms / 1000);
    s.altitudeM.push(alt);
    s.speedMps.push(speed);
    s.voltageV.push(volt);
    s.powerW.push(volt !== null && amps !== null ? Math.round(volt * amps * 10) / 10 : null);
  }
  return s;
}

/** True when the series has at least one reported value (a chart of nothing says so instead). */
export function hasValues(values: ReadonlyArray<number | null>): boolean {
  return values.some((v) => v !== null);
}
