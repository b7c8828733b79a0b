import type { Airframe } from '../model/airframe.js';
import { AVIONICS_POWER_W, drawEnergy, openCircuitVoltage, powerW, remainingPct, stateOfCharge, throttleFor } from '../model/energy.js';
import { drawFaults, drawGlitchOffset, type FaultKind, type FaultSpec, type ScheduledFault } from '../model/faults.js';
import {
  buildDeliveryPlan,
  buildLandingPlan,
  buildReturnPlan,
  phaseLoad,
  phaseStarts,
  planDurationS,
  planEnergyMah,
  stateAt,
  type FlightPlan,
  type FlightState,
  type Phase,
} from '../model/flight-plan.js';
import { distanceM, offsetM, type LatLng, type Position } from '../model/geo.js';
import type { Rng } from '../model/random.js';
import { DEFAULT_LINK, rssiDbm, type LinkModel } from '../model/rssi.js';
import type { DroneSnapshot } from '../model/telemetry.js';

/** What the GCS reports about a delivery as it flies (the mission events of the contract). */
export type DeliveryProgress = 'LAUNCHED' | 'ENROUTE' | 'ARRIVED' | 'DELIVERING' | 'DROPPED';
export type FailsafeKind = 'LOW_BATTERY' | 'LOST_LINK';

export type DroneEvent =
  | { kind: 'progress'; type: DeliveryProgress; intentId: string; atS: number; position: Position }
  | { kind: 'failsafe'; failsafe: FailsafeKind; reason: string; intentId: string; atS: number; position: Position }
  | { kind: 'landed'; intentId: string; atS: number; position: Position; delivered: boolean };

/** A mission intent as the drone flies it. */
export interface Mission {
  intentId: string;
  orderId: string;
  pickup: LatLng;
  dropoff: LatLng;
  cruiseAltM: number;
  deliveryAltM: number;
  payloadKg: number;
  /** Abort to home below this battery percentage (before the payload is released). */
  batteryMinPct: number;
  lostLinkBehavior: 'RTL' | 'LAND' | 'CONTINUE';
}

export interface DroneOptions {
  /** After this long without its link, a drone on a mission applies the intent's lost_link_behavior. */
  lostLinkTimeoutS: number;
  /** Time on the pad after a landing to swap the battery (and load the next parcel). */
  turnaroundS: number;
  /** Faults that may strike each mission, and the generator that decides. */
  faults: FaultSpec[];
  rng: Rng;
  link?: LinkModel;
}

interface Flight {
  mission: Mission;
  plan: FlightPlan;
  startS: number;
  starts: number[];
  /** The next phase whose start has not been handled yet. */
  nextPhase: number;
  /** Flying a failsafe or abort plan: no more progress is reported. */
  failsafe: boolean;
  dropped: boolean;
  /** Faults still to strike, at absolute simulation times. */
  faults: ScheduledFault[];
  lostLinkFailsafeAtS: number | null;
}

/** A drone this far from its home after a landing is carried back by the ground crew during a longer turnaround. */
const RECOVERY_RADIUS_M = 30;
/** Forward flight tilts a multirotor nose down by about this much per m/s of airspeed. */
const PITCH_DEG_PER_MPS = -0.6;

/** The progress events a delivery reports when phase i of its plan begins. */
export function progressAtPhaseStart(phases: Phase[], i: number): DeliveryProgress[] {
  const p = phases[i];
  const prev = phases[i - 1];
  const out: DeliveryProgress[] = [];
  if (prev && (prev.kind === 'DROP' || prev.kind === 'WINCH')) out.push('DROPPED');
  if (p.kind === 'TAKEOFF' && !phases.slice(0, i).some((q) => q.kind === 'TAKEOFF')) out.push('LAUNCHED');
  if (p.kind === 'CRUISE' && p.leg === 'OUTBOUND') out.push('ENROUTE');
  if (p.kind === 'DESCEND' && p.leg === 'DELIVERY') out.push('ARRIVED');
  if (p.kind === 'DROP' || p.kind === 'WINCH') out.push('DELIVERING');
  return out;
}

/**
 * One simulated drone, advanced in simulation seconds: it flies its mission's plan phase by phase, draws its
 * battery by the power each phase needs, reports progress, suffers the faults drawn for the mission, and after
 * landing spends a turnaround on the pad (fresh battery) before it flies the next mission.
 */
export class SimDrone {
  mahDrawn = 0;
  private t: number;
  private ground: LatLng;
  private flight: Flight | null = null;
  private queued: Mission | null = null;
  private turnaroundUntilS: number | null = null;
  private linkDownUntilS = -Infinity;
  private glitch: { untilS: number; northM: number; eastM: number } | null = null;
  private lastCurrentA: number;
  private lastVoltageV: number;
  private readonly wobble: number;

  constructor(
    readonly id: string,
    readonly airframe: Airframe,
    readonly home: LatLng,
    private readonly options: DroneOptions,
    startS: number,
    startBatteryPct = 100,
  ) {
    this.t = startS;
    this.ground = home;
    this.mahDrawn = airframe.battery.capacityMah * (1 - startBatteryPct / 100);
    const voc = openCircuitVoltage(airframe.battery, stateOfCharge(airframe.battery, this.mahDrawn));
    this.lastCurrentA = AVIONICS_POWER_W / voc;
    this.lastVoltageV = voc;
    this.wobble = options.rng() * 2 * Math.PI;
  }

  get batteryPct(): number {
    return remainingPct(this.airframe.battery, this.mahDrawn);
  }

  /** The intent the drone is flying or about to fly, if any. */
  get intentId(): string | null {
    return this.flight?.mission.intentId ?? this.queued?.intentId ?? null;
  }

  get flying(): boolean {
    return this.flight !== null;
  }

  /** On its pad, turned around, nothing queued: a new mission starts at once. */
  get idle(): boolean {
    return this.flight === null && this.queued === null && this.turnaroundUntilS === null;
  }

  linkUp(nowS: number): boolean {
    return nowS >= this.linkDownUntilS;
  }

  /** Why the drone cannot take this mission now, or null when it can. */
  refusal(mission: Mission): string | null {
    if (mission.payloadKg > this.airframe.maxPayloadKg) return `payload ${mission.payloadKg} kg exceeds the ${this.airframe.maxPayloadKg} kg a ${this.airframe.name} lifts`;
    if (this.queued) return `drone ${this.id} already has intent ${this.queued.intentId} waiting for it`;
    if (this.flight && !this.flight.dropped && !this.flight.failsafe) return `drone ${this.id} is flying intent ${this.flight.mission.intentId}`;
    // A drone in the air or on its turnaround gets a fresh battery before it takes off again.
    const startPct = this.flight || this.turnaroundUntilS !== null ? 100 : this.batteryPct;
    const from = this.flight ? this.home : this.ground;
    const needPct = (100 * planEnergyMah(this.planFor(mission, from), this.airframe)) / this.airframe.battery.capacityMah;
    if (startPct - needPct < mission.batteryMinPct) {
      return `battery at ${startPct.toFixed(1)} % cannot cover the ${needPct.toFixed(1)} % this mission needs and keep the ${mission.batteryMinPct} % reserve`;
    }
    return null;
  }

  /** Takes a mission: flies it now when idle on the pad, else after the current flight and turnaround. */
  assign(mission: Mission): 'STARTED' | 'QUEUED' {
    const refusal = this.refusal(mission);
    if (refusal) throw new Error(refusal);
    if (!this.flight && this.turnaroundUntilS === null) {
      this.startFlight(mission);
      return 'STARTED';
    }
    this.queued = mission;
    return 'QUEUED';
  }

  /**
   * Gives up a mission (its order was canceled): a queued one is dropped, a flying one returns home quietly.
   * False when there is nothing to give up: not this drone's mission, a failsafe already flying, or the payload
   * already dropped (the rest of the plan is the way home).
   */
  abort(intentId: string): boolean {
    if (this.queued?.intentId === intentId) {
      this.queued = null;
      return true;
    }
    const f = this.flight;
    if (!f || f.mission.intentId !== intentId || f.failsafe || f.dropped) return false;
    this.replan(f, this.returnPlan(f));
    return true;
  }

  /** Strikes a fault now (for tests and demonstrations), as if it had been drawn for this moment. */
  injectFault(kind: FaultKind, durationS = 0): void {
    this.applyFault({ kind, atS: this.t, durationS });
  }

  /** Moves the drone on to nowS (simulation seconds) and returns what it reported on the way, oldest first. */
  advance(nowS: number): DroneEvent[] {
    const events: DroneEvent[] = [];
    for (;;) {
      this.handleDue(events);
      if (this.t >= nowS) break;
      const next = Math.min(nowS, this.nextBoundaryS());
      this.draw(next - this.t);
      this.t = next;
    }
    return events;
  }

  /** What the autopilot reads at the time the drone was last advanced to. */
  snapshot(): DroneSnapshot {
    const t = this.t;
    const state = this.flight ? this.flightState(this.flight) : null;
    const truePos: Position = state ? state.position : { ...this.ground, altM: 0 };
    const glitching = this.glitch && t < this.glitch.untilS ? this.glitch : null;
    const reported = glitching ? { ...offsetM(truePos, glitching.northM, glitching.eastM), altM: truePos.altM } : truePos;
    const airborne = state?.phase.airborne ?? false;
    const gs = state?.groundspeedMps ?? 0;
    const power = state ? powerW(this.airframe, state.phase.payloadKg, phaseLoad(state.phase)) : AVIONICS_POWER_W;
    const distance = Math.hypot(distanceM(truePos, this.home), truePos.altM);
    return {
      droneId: this.id,
      position: reported,
      headingDeg: state?.headingDeg ?? 0,
      groundspeedMps: gs,
      vzMps: state?.vzMps ?? 0,
      rollDeg: airborne ? 1.2 * Math.sin(0.9 * t + this.wobble) : 0,
      pitchDeg: airborne ? PITCH_DEG_PER_MPS * gs + 0.8 * Math.sin(1.3 * t + this.wobble) : 0,
      armed: state?.phase.armed ?? false,
      mode: state?.phase.mode ?? 'LOITER',
      voltageV: this.lastVoltageV,
      remainingPct: this.batteryPct,
      currentA: this.lastCurrentA,
      mahDrawn: this.mahDrawn,
      throttle: throttleFor(this.airframe, power, airborne),
      rssiDbm: rssiDbm(distance, this.options.link ?? DEFAULT_LINK),
    };
  }

  private planFor(mission: Mission, from: LatLng): FlightPlan {
    return buildDeliveryPlan({
      airframe: this.airframe,
      start: from,
      home: this.home,
      pickup: mission.pickup,
      dropoff: mission.dropoff,
      cruiseAltM: mission.cruiseAltM,
      deliveryAltM: mission.deliveryAltM,
      payloadKg: mission.payloadKg,
    });
  }

  private startFlight(mission: Mission): void {
    const plan = this.planFor(mission, this.ground);
    const starts = phaseStarts(plan);
    // Faults strike on the way out: between the takeoff and the release.
    const from = starts[plan.phases.findIndex((p) => p.kind === 'TAKEOFF')];
    const to = starts[plan.phases.findIndex((p) => p.kind === 'DROP' || p.kind === 'WINCH')];
    const faults = drawFaults(this.options.faults, this.options.rng, from, to).map((f) => ({ ...f, atS: this.t + f.atS }));
    this.flight = { mission, plan, startS: this.t, starts, nextPhase: 0, failsafe: false, dropped: false, faults, lostLinkFailsafeAtS: null };
  }

  private flightState(f: Flight): FlightState {
    return stateAt(f.plan, this.t - f.startS);
  }

  private nextBoundaryS(): number {
    const f = this.flight;
    if (!f) return this.turnaroundUntilS ?? Infinity;
    return Math.min(
      f.nextPhase < f.plan.phases.length ? f.startS + f.starts[f.nextPhase] : Infinity,
      f.startS + planDurationS(f.plan),
      f.faults[0]?.atS ?? Infinity,
      f.lostLinkFailsafeAtS ?? Infinity,
    );
  }

  private draw(dtS: number): void {
    const f = this.flight;
    const phase = f && f.nextPhase > 0 ? f.plan.phases[f.nextPhase - 1] : null;
    const power = phase ? powerW(this.airframe, phase.payloadKg, phaseLoad(phase)) : AVIONICS_POWER_W;
    const step = drawEnergy(this.airframe.battery, this.mahDrawn, power, dtS);
    this.mahDrawn = Math.min(step.mahDrawn, this.airframe.battery.capacityMah);
    this.lastCurrentA = step.currentA;
    this.lastVoltageV = step.voltageV;
  }

  /** Everything due at the current time: phase starts, faults, failsafes, the landing, the turnaround. */
  private handleDue(events: DroneEvent[]): void {
    const f = this.flight;
    if (!f) {
      if (this.turnaroundUntilS !== null && this.t >= this.turnaroundUntilS) {
        this.turnaroundUntilS = null;
        this.mahDrawn = 0;
        this.ground = this.home;
      }
      if (this.queued && this.turnaroundUntilS === null) {
        const mission = this.queued;
        this.queued = null;
        this.startFlight(mission);
        this.handleDue(events);
      }
      return;
    }
    while (f.nextPhase < f.plan.phases.length && f.startS + f.starts[f.nextPhase] <= this.t) {
      if (!f.failsafe) {
        for (const type of progressAtPhaseStart(f.plan.phases, f.nextPhase)) {
          if (type === 'DROPPED') f.dropped = true;
          events.push({ kind: 'progress', type, intentId: f.mission.intentId, atS: this.t, position: this.flightState(f).position });
        }
      }
      f.nextPhase++;
    }
    while (f.faults.length > 0 && f.faults[0].atS <= this.t) this.applyFault(f.faults.shift()!);
    if (!f.failsafe && this.batteryPct < f.mission.batteryMinPct) {
      this.failsafe(f, events, 'LOW_BATTERY', `battery at ${this.batteryPct.toFixed(1)} %, below the mission's ${f.mission.batteryMinPct} %: returning home`, 'RTL');
    } else if (!f.failsafe && f.lostLinkFailsafeAtS !== null && this.t >= f.lostLinkFailsafeAtS) {
      const landing = f.mission.lostLinkBehavior === 'LAND';
      this.failsafe(f, events, 'LOST_LINK', `telemetry link lost for ${this.options.lostLinkTimeoutS} s: ${landing ? 'landing where it is' : 'returning home'} (lost_link_behavior ${f.mission.lostLinkBehavior})`, landing ? 'LAND' : 'RTL');
    }
    if (this.flight === f && this.t >= f.startS + planDurationS(f.plan)) {
      const position = f.plan.phases.length > 0 ? this.flightState(f).position : { ...this.ground, altM: 0 };
      events.push({ kind: 'landed', intentId: f.mission.intentId, atS: this.t, position, delivered: f.dropped });
      this.flight = null;
      this.ground = { lat: position.lat, lng: position.lng };
      const away = distanceM(this.ground, this.home) > RECOVERY_RADIUS_M;
      this.turnaroundUntilS = this.t + this.options.turnaroundS * (away ? 3 : 1);
      this.handleDue(events);
    }
  }

  private applyFault(fault: ScheduledFault): void {
    if (fault.kind === 'link_loss') {
      this.linkDownUntilS = Math.max(this.linkDownUntilS, fault.atS + fault.durationS);
      const f = this.flight;
      if (f && !f.failsafe && f.mission.lostLinkBehavior !== 'CONTINUE' && fault.durationS > this.options.lostLinkTimeoutS) {
        f.lostLinkFailsafeAtS = fault.atS + this.options.lostLinkTimeoutS;
      }
    } else if (fault.kind === 'gps_glitch') {
      this.glitch = { untilS: fault.atS + fault.durationS, ...drawGlitchOffset(this.options.rng) };
    } else {
      // A failing cell: the charge left drops to just under the mission's reserve (or 20 % with no mission).
      const floorPct = (this.flight?.mission.batteryMinPct ?? 22) - 2;
      this.mahDrawn = Math.max(this.mahDrawn, this.airframe.battery.capacityMah * (1 - floorPct / 100));
    }
  }

  private returnPlan(f: Flight): FlightPlan {
    const s = this.flightState(f);
    return buildReturnPlan(this.airframe, s.position, this.home, f.mission.cruiseAltM, s.phase.payloadKg, s.headingDeg);
  }

  private failsafe(f: Flight, events: DroneEvent[], kind: FailsafeKind, reason: string, action: 'RTL' | 'LAND'): void {
    const s = this.flightState(f);
    // After the release the order is the customer's: a failsafe then just brings the drone home, unreported.
    if (!f.dropped) events.push({ kind: 'failsafe', failsafe: kind, reason, intentId: f.mission.intentId, atS: this.t, position: s.position });
    this.replan(f, action === 'LAND' ? buildLandingPlan(this.airframe, s.position, s.phase.payloadKg, s.headingDeg) : this.returnPlan(f));
  }

  private replan(f: Flight, plan: FlightPlan): void {
    f.plan = plan;
    f.starts = phaseStarts(plan);
    f.startS = this.t;
    f.nextPhase = 0;
    f.failsafe = true;
    f.faults = f.faults.filter((x) => x.kind !== 'low_battery');
    f.lostLinkFailsafeAtS = null;
    // The new plan's first phase starts now (an empty plan, on the pad, ends the flight at once).
    while (f.nextPhase < plan.phases.length && f.startS + f.starts[f.nextPhase] <= this.t) f.nextPhase++;
  }
}
