import type { Airframe } from './airframe.js';
import { drawEnergy, powerW, type FlightLoad } from './energy.js';
import { bearingDeg, distanceM, interpolate, type LatLng, type Position } from './geo.js';

/** What the drone does during one phase of a flight. */
export type PhaseKind = 'PREFLIGHT' | 'TAKEOFF' | 'CRUISE' | 'LAND' | 'LOAD' | 'DESCEND' | 'HOVER' | 'DROP' | 'WINCH' | 'REEL' | 'ASCEND' | 'RETURN';
/** Which part of the delivery a phase belongs to. */
export type Leg = 'PICKUP' | 'OUTBOUND' | 'DELIVERY' | 'RETURN';

/** One straight, constant-speed piece of a flight (or a wait in place). */
export interface Phase {
  kind: PhaseKind;
  leg: Leg;
  from: Position;
  to: Position;
  durationS: number;
  armed: boolean;
  airborne: boolean;
  /** Flight mode the autopilot reports (ArduPilot names). */
  mode: string;
  /** Payload on board during the phase, kg. */
  payloadKg: number;
}

export interface FlightPlan {
  phases: Phase[];
  /** Heading before the first horizontal phase: towards where the flight goes first. */
  startHeadingDeg: number;
}

/** Where a flight is at one moment. */
export interface FlightState {
  phaseIndex: number;
  phase: Phase;
  position: Position;
  groundspeedMps: number;
  /** Vertical speed, positive climbing. */
  vzMps: number;
  headingDeg: number;
  done: boolean;
}

/** Timings of the parts of a flight that are waits rather than motion, seconds. */
export const PLAN_TIMINGS = {
  /** Armed on the pad: mission upload, pre-arm checks, motors spinning up. */
  preflightS: 5,
  /** On the ground at the pickup while the merchant loads the parcel. */
  loadS: 20,
  /** Settling over the dropoff before releasing. */
  hoverS: 3,
  /** Opening the release of a DROP airframe. */
  dropS: 2,
  /** Holding over the dropoff after a drop, so that the release can be confirmed. */
  afterDropS: 5,
};

/** A drone this close to the pickup takes the parcel on at its pad; farther away it flies there first. */
export const PICKUP_RADIUS_M = 30;

export interface DeliveryPlanInput {
  airframe: Airframe;
  /** Where the drone stands, on the ground. */
  start: LatLng;
  /** Where it returns to and lands after the delivery. */
  home: LatLng;
  pickup: LatLng;
  dropoff: LatLng;
  /** Cruise altitude above home, m (the intent's alt_m). */
  cruiseAltM: number;
  /** Altitude of the drop or winch release above ground, m (the intent's delivery_alt_m). */
  deliveryAltM: number;
  payloadKg: number;
}

const at = (p: LatLng, altM: number): Position => ({ lat: p.lat, lng: p.lng, altM });

class PlanBuilder {
  readonly phases: Phase[] = [];

  constructor(
    private readonly airframe: Airframe,
    private here: Position,
  ) {}

  get position(): Position {
    return this.here;
  }

  wait(kind: PhaseKind, leg: Leg, durationS: number, payloadKg: number, mode = 'AUTO'): this {
    const airborne = this.here.altM > 0;
    return this.push({ kind, leg, from: this.here, to: this.here, durationS, armed: true, airborne, mode, payloadKg });
  }

  vertical(kind: PhaseKind, leg: Leg, altM: number, payloadKg: number, mode = 'AUTO'): this {
    const dz = altM - this.here.altM;
    if (dz === 0) return this;
    const rate = dz > 0 ? this.airframe.climbRateMps : this.airframe.descentRateMps;
    return this.push({ kind, leg, from: this.here, to: at(this.here, altM), durationS: Math.abs(dz) / rate, armed: true, airborne: true, mode, payloadKg });
  }

  horizontal(kind: PhaseKind, leg: Leg, to: LatLng, payloadKg: number, mode = 'AUTO'): this {
    const d = distanceM(this.here, to);
    if (d === 0) return this;
    return this.push({ kind, leg, from: this.here, to: at(to, this.here.altM), durationS: d / this.airframe.cruiseSpeedMps, armed: true, airborne: true, mode, payloadKg });
  }

  private push(phase: Phase): this {
    this.phases.push(phase);
    this.here = phase.to;
    return this;
  }
}

function startHeading(start: LatLng, phases: Phase[]): number {
  const first = phases.find((p) => distanceM(p.from, p.to) > 1);
  return first ? bearingDeg(start, first.to) : 0;
}

/**
 * The flight of one delivery, the steps of the mission intent (TAKEOFF, CRUISE, DESCEND, DROP_OR_WINCH, ASCEND, RTL)
 * made concrete: pre-flight on the pad; if the drone is not at the pickup, a flight there, a landing and the
 * loading; takeoff and climb to cruise altitude; cruise to the dropoff; descent to the delivery altitude; a short
 * hover; the drop (or the winch down, release and reel in); climb; cruise home; landing.
 */
export function buildDeliveryPlan(input: DeliveryPlanInput): FlightPlan {
  const { airframe, payloadKg, cruiseAltM } = input;
  const b = new PlanBuilder(airframe, at(input.start, 0));
  b.wait('PREFLIGHT', 'PICKUP', PLAN_TIMINGS.preflightS, 0);
  if (distanceM(input.start, input.pickup) > PICKUP_RADIUS_M) {
    b.vertical('TAKEOFF', 'PICKUP', cruiseAltM, 0)
      .horizontal('CRUISE', 'PICKUP', input.pickup, 0)
      .vertical('LAND', 'PICKUP', 0, 0)
      .wait('LOAD', 'PICKUP', PLAN_TIMINGS.loadS, 0);
  }
  b.vertical('TAKEOFF', 'OUTBOUND', cruiseAltM, payloadKg)
    .horizontal('CRUISE', 'OUTBOUND', input.dropoff, payloadKg)
    .vertical('DESCEND', 'DELIVERY', input.deliveryAltM, payloadKg)
    .wait('HOVER', 'DELIVERY', PLAN_TIMINGS.hoverS, payloadKg);
  if (airframe.delivery === 'WINCH') {
    const lineS = input.deliveryAltM / airframe.winchSpeedMps;
    b.wait('WINCH', 'DELIVERY', lineS, payloadKg).wait('REEL', 'DELIVERY', lineS, 0);
  } else {
    b.wait('DROP', 'DELIVERY', PLAN_TIMINGS.dropS, payloadKg).wait('HOVER', 'DELIVERY', PLAN_TIMINGS.afterDropS, 0);
  }
  b.vertical('ASCEND', 'RETURN', cruiseAltM, 0).horizontal('RETURN', 'RETURN', input.home, 0).vertical('LAND', 'RETURN', 0, 0);
  return { phases: b.phases, startHeadingDeg: startHeading(input.start, b.phases) };
}

/**
 * A failsafe return from wherever the drone is: climb to the return altitude if below it, fly home, land, all in
 * the given mode (RTL). A drone still on the ground just stays there.
 */
export function buildReturnPlan(airframe: Airframe, from: Position, home: LatLng, returnAltM: number, payloadKg: number, headingDeg: number, mode = 'RTL'): FlightPlan {
  const b = new PlanBuilder(airframe, from);
  if (from.altM > 0) {
    b.vertical('ASCEND', 'RETURN', Math.max(from.altM, returnAltM), payloadKg, mode).horizontal('RETURN', 'RETURN', home, payloadKg, mode).vertical('LAND', 'RETURN', 0, payloadKg, mode);
  }
  return { phases: b.phases, startHeadingDeg: b.phases.length ? startHeading(from, b.phases) : headingDeg };
}

/** A forced landing where the drone is (mode LAND). */
export function buildLandingPlan(airframe: Airframe, from: Position, payloadKg: number, headingDeg: number): FlightPlan {
  const b = new PlanBuilder(airframe, from);
  if (from.altM > 0) b.vertical('LAND', 'RETURN', 0, payloadKg, 'LAND');
  return { phases: b.phases, startHeadingDeg: headingDeg };
}

export function planDurationS(plan: FlightPlan): number {
  return plan.phases.reduce((s, p) => s + p.durationS, 0);
}

/** Time from the start of the plan at which each phase begins. */
export function phaseStarts(plan: FlightPlan): number[] {
  const starts: number[] = [];
  let t = 0;
  for (const p of plan.phases) {
    starts.push(t);
    t += p.durationS;
  }
  return starts;
}

/** What the motors are asked to do during a phase (constant throughout it). */
export function phaseLoad(phase: Phase): FlightLoad {
  const groundspeedMps = phase.durationS > 0 ? distanceM(phase.from, phase.to) / phase.durationS : 0;
  const vzMps = phase.durationS > 0 ? (phase.to.altM - phase.from.altM) / phase.durationS : 0;
  return { airborne: phase.airborne, groundspeedMps, vzMps };
}

function headingDuring(plan: FlightPlan, index: number): number {
  for (let i = index; i >= 0; i--) {
    const p = plan.phases[i];
    if (distanceM(p.from, p.to) > 1) return bearingDeg(p.from, p.to);
  }
  return plan.startHeadingDeg;
}

/** The state tS seconds into the plan (constant velocity within each phase); past the end, where it ended. */
export function stateAt(plan: FlightPlan, tS: number): FlightState {
  if (plan.phases.length === 0) throw new Error('an empty plan has no state');
  const starts = phaseStarts(plan);
  let i = 0;
  while (i < plan.phases.length - 1 && tS >= starts[i] + plan.phases[i].durationS) i++;
  const phase = plan.phases[i];
  const f = phase.durationS > 0 ? Math.min(1, Math.max(0, (tS - starts[i]) / phase.durationS)) : 1;
  const done = tS >= starts[i] + phase.durationS && i === plan.phases.length - 1;
  const ground = interpolate(phase.from, phase.to, f);
  const load = phaseLoad(phase);
  return {
    phaseIndex: i,
    phase,
    position: { ...ground, altM: phase.from.altM + (phase.to.altM - phase.from.altM) * f },
    groundspeedMps: done ? 0 : load.groundspeedMps,
    vzMps: done ? 0 : load.vzMps,
    headingDeg: headingDuring(plan, i),
    done,
  };
}

/** Charge the whole plan draws, mAh: each phase at its constant power for its duration. */
export function planEnergyMah(plan: FlightPlan, airframe: Airframe): number {
  let mah = 0;
  for (const p of plan.phases) mah = drawEnergy(airframe.battery, mah, powerW(airframe, p.payloadKg, phaseLoad(p)), p.durationS).mahDrawn;
  return mah;
}
