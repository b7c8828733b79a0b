import { between, type Rng } from './random.js';

/** Faults the simulator can inject into a mission. */
export const FAULT_KINDS = ['link_loss', 'gps_glitch', 'low_battery'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** A fault and the chance that it strikes any one mission. */
export interface FaultSpec {
  kind: FaultKind;
  probability: number;
}

/** A fault that will strike at a given time of a mission. */
export interface ScheduledFault {
  kind: FaultKind;
  /** Seconds after the mission started. */
  atS: number;
  /** How long it lasts (link loss, GPS glitch); 0 for a low-battery failure, which does not heal. */
  durationS: number;
}

/** How long injected faults last, seconds: [shortest, longest]. */
export const FAULT_DURATIONS_S: Record<FaultKind, [number, number]> = {
  link_loss: [5, 25],
  gps_glitch: [4, 10],
  low_battery: [0, 0],
};

/**
 * Parses SIM_FAULTS: comma-separated `kind:probability` pairs, e.g. `link_loss:0.05,low_battery:0.02`
 * (each probability per mission, 0..1). Empty means no faults. Throws naming the first bad entry.
 */
export function parseFaults(text: string): FaultSpec[] {
  const specs: FaultSpec[] = [];
  for (const entry of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [kind, p, ...rest] = entry.split(':');
    const probability = Number(p);
    if (!(FAULT_KINDS as readonly string[]).includes(kind) || rest.length > 0 || p === undefined || p.trim() === '' || !(probability >= 0 && probability <= 1)) {
      throw new Error(`"${entry}" is not kind:probability with kind one of ${FAULT_KINDS.join(', ')} and probability from 0 to 1`);
    }
    if (specs.some((s) => s.kind === kind)) throw new Error(`${kind} is given twice`);
    specs.push({ kind: kind as FaultKind, probability });
  }
  return specs;
}

/**
 * Which faults strike a mission, and when: each spec strikes with its probability, at a uniform time within
 * [fromS, toS) of the mission (the outbound flight), lasting a uniform time within its FAULT_DURATIONS_S.
 */
export function drawFaults(specs: FaultSpec[], rng: Rng, fromS: number, toS: number): ScheduledFault[] {
  const drawn: ScheduledFault[] = [];
  for (const spec of specs) {
    if (rng() >= spec.probability) continue;
    const [shortest, longest] = FAULT_DURATIONS_S[spec.kind];
    drawn.push({ kind: spec.kind, atS: between(rng, fromS, toS), durationS: between(rng, shortest, longest) });
  }
  return drawn.sort((a, b) => a.atS - b.atS);
}

/** Where a glitching GPS puts the drone: this far off its true position, in a random direction. */
export const GPS_GLITCH_M: [number, number] = [150, 400];

export function drawGlitchOffset(rng: Rng): { northM: number; eastM: number } {
  const distance = between(rng, GPS_GLITCH_M[0], GPS_GLITCH_M[1]);
  const angle = between(rng, 0, 2 * Math.PI);
  return { northM: distance * Math.cos(angle), eastM: distance * Math.sin(angle) };
}
