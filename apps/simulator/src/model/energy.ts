import type { Airframe, BatterySpec } from './airframe.js';

export const GRAVITY_MPS2 = 9.80665;
/** Sea-level air density, kg/m³. */
export const AIR_DENSITY = 1.225;
/** Share of the electrical power that turns into lift work when climbing. */
export const CLIMB_EFFICIENCY = 0.6;
/** Share of the potential energy released in a descent that the rotors save. */
export const DESCENT_RECOVERY = 0.3;
/** A descending drone never needs less than this share of its hover power. */
export const MIN_DESCENT_POWER_SHARE = 0.6;
/** Power of the avionics alone (armed or not, motors stopped), watts. */
export const AVIONICS_POWER_W = 8;
/** Cell voltage of a full and of an empty lithium cell (the linear model between them). */
export const CELL_FULL_V = 4.2;
export const CELL_EMPTY_V = 3.5;

/** What the motors are asked to do. */
export interface FlightLoad {
  airborne: boolean;
  groundspeedMps: number;
  /** Vertical speed, positive climbing. */
  vzMps: number;
}

/** Hover power at the given all-up mass: momentum theory makes it grow with mass to the power 1.5. */
export function hoverPowerW(airframe: Airframe, payloadKg: number): number {
  return airframe.hoverPowerW * ((airframe.emptyMassKg + payloadKg) / airframe.emptyMassKg) ** 1.5;
}

/**
 * Electrical power for a flight condition, watts: hover power, plus parasitic drag (½ ρ CdA v³), plus the work of
 * climbing (m g vz / CLIMB_EFFICIENCY) or less a part of the energy a descent gives back; capped at full throttle.
 * On the ground, only the avionics draw.
 */
export function powerW(airframe: Airframe, payloadKg: number, load: FlightLoad): number {
  if (!load.airborne) return AVIONICS_POWER_W;
  const hover = hoverPowerW(airframe, payloadKg);
  const weightN = (airframe.emptyMassKg + payloadKg) * GRAVITY_MPS2;
  const drag = 0.5 * AIR_DENSITY * airframe.dragAreaM2 * load.groundspeedMps ** 3;
  const vertical = load.vzMps >= 0 ? (weightN * load.vzMps) / CLIMB_EFFICIENCY : -DESCENT_RECOVERY * weightN * -load.vzMps;
  const total = Math.max(hover + drag + vertical, MIN_DESCENT_POWER_SHARE * hover);
  return Math.min(total + AVIONICS_POWER_W, airframe.maxPowerW);
}

/** Throttle (0..1) for a power: thrust grows with the square of throttle, so throttle goes with √(P / Pmax). */
export function throttleFor(airframe: Airframe, power: number, airborne: boolean): number {
  if (!airborne) return 0;
  return Math.min(1, Math.sqrt(power / airframe.maxPowerW));
}

/** State of charge (0..1) after drawing mahDrawn. */
export function stateOfCharge(battery: BatterySpec, mahDrawn: number): number {
  return Math.max(0, Math.min(1, 1 - mahDrawn / battery.capacityMah));
}

/** Open-circuit voltage of the pack, linear in the state of charge between empty and full cells. */
export function openCircuitVoltage(battery: BatterySpec, soc: number): number {
  return battery.cells * (CELL_EMPTY_V + (CELL_FULL_V - CELL_EMPTY_V) * soc);
}

export interface EnergyStep {
  mahDrawn: number;
  currentA: number;
  /** Terminal voltage under load (sagged by current × internal resistance). */
  voltageV: number;
}

/**
 * Draws power for dtS seconds from a pack that has given mahDrawn so far: current = P / open-circuit voltage at the
 * start of the step, charge += current × dt. Callers step at most a few seconds, over which the voltage hardly moves.
 */
export function drawEnergy(battery: BatterySpec, mahDrawn: number, power: number, dtS: number): EnergyStep {
  const voc = openCircuitVoltage(battery, stateOfCharge(battery, mahDrawn));
  const currentA = power / voc;
  return { mahDrawn: mahDrawn + (currentA * dtS) / 3.6, currentA, voltageV: voc - currentA * battery.internalResistanceOhm };
}

/** Battery percentage (0..100) as the autopilot reports it: the share of capacity not yet drawn. */
export function remainingPct(battery: BatterySpec, mahDrawn: number): number {
  return Math.round(stateOfCharge(battery, mahDrawn) * 1000) / 10;
}
