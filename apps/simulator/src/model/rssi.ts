export interface LinkModel {
  /** Signal at 1 m from the ground station, dBm. */
  referenceDbm: number;
  /** Path-loss exponent: 2 in free space, more over buildings. */
  exponent: number;
  /** Weakest signal the radio reports, dBm. */
  floorDbm: number;
}

/** A telemetry radio over open ground: -30 dBm at 1 m, free-space loss, reporting down to -120 dBm. */
export const DEFAULT_LINK: LinkModel = { referenceDbm: -30, exponent: 2, floorDbm: -120 };

/**
 * Received signal strength at a distance from the ground station (log-distance path loss):
 * referenceDbm − 10 · exponent · log10(d / 1 m), never below the floor; closer than 1 m counts as 1 m.
 */
export function rssiDbm(distanceM: number, link: LinkModel = DEFAULT_LINK): number {
  const d = Math.max(1, distanceM);
  return Math.max(link.floorDbm, link.referenceDbm - 10 * link.exponent * Math.log10(d));
}
