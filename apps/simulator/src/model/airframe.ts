/** How an airframe hands over its payload at the dropoff. */
export type DeliveryMethod = 'WINCH' | 'DROP';

/** A battery pack: lithium cells in series. */
export interface BatterySpec {
  cells: number;
  capacityMah: number;
  /** Internal resistance of the pack, ohms: the voltage sags by current × this. */
  internalResistanceOhm: number;
}

/** The performance figures the simulator flies a drone with. */
export interface Airframe {
  name: string;
  emptyMassKg: number;
  maxPayloadKg: number;
  cruiseSpeedMps: number;
  climbRateMps: number;
  descentRateMps: number;
  /** Electrical power to hover at the empty mass, watts. */
  hoverPowerW: number;
  /** Drag coefficient × frontal area, m²: parasitic power grows with its product and the cube of airspeed. */
  dragAreaM2: number;
  /** Electrical power at full throttle, watts. */
  maxPowerW: number;
  battery: BatterySpec;
  delivery: DeliveryMethod;
  /** Winch line speed, m/s (WINCH airframes). */
  winchSpeedMps: number;
}

/**
 * The two airframes of the simulated fleet: a light quad that drops small parcels and a hexacopter that winches
 * heavier ones down. Figures are of the order of today's delivery multirotors: an unladen kilometre of cruise costs
 * a WX-Q4 2.75 % of its battery, and a whole delivery (climbs, hover, payload, the way back) about 5 % per kilometre
 * flown, within delivery-service's default planning figure of 4 % per km plus a 25 % reserve.
 */
export const AIRFRAMES: Record<'WX-Q4' | 'WX-H6', Airframe> = {
  'WX-Q4': {
    name: 'WX-Q4',
    emptyMassKg: 7,
    maxPayloadKg: 2.5,
    cruiseSpeedMps: 15,
    climbRateMps: 3,
    descentRateMps: 2,
    hoverPowerW: 650,
    dragAreaM2: 0.08,
    maxPowerW: 2400,
    battery: { cells: 6, capacityMah: 22_000, internalResistanceOhm: 0.02 },
    delivery: 'DROP',
    winchSpeedMps: 0,
  },
  'WX-H6': {
    name: 'WX-H6',
    emptyMassKg: 11,
    maxPayloadKg: 5,
    cruiseSpeedMps: 12,
    climbRateMps: 2.5,
    descentRateMps: 2,
    hoverPowerW: 1050,
    dragAreaM2: 0.12,
    maxPowerW: 3800,
    battery: { cells: 6, capacityMah: 30_000, internalResistanceOhm: 0.015 },
    delivery: 'WINCH',
    winchSpeedMps: 1,
  },
};

/** Every third drone is a hexacopter, the others quads. */
export function airframeFor(index: number): Airframe {
  return index % 3 === 2 ? AIRFRAMES['WX-H6'] : AIRFRAMES['WX-Q4'];
}
