import { DRONE_TYPES, TELEMETRY_V1, type DroneDto, type DroneType, type RegisterDroneDto, type UpdateDroneDto } from '@wingxtra/contracts/client';
import { boolean, checkRules, latitude, longitude, number, oneOf, optional, text, type RuleSet } from '../../../utils/rules';

/** RegisterDroneDto's rules (packages/contracts/src/registry/drone.dto.ts), checked alike by dto-agreement.spec.ts. */
export const REGISTER_DRONE_RULES: RuleSet = {
  drone_id: text('Drone ID', {
    pattern: new RegExp(TELEMETRY_V1.droneIdPattern),
    patternMessage: 'Drone ID must be 3 to 64 capital letters, digits, - or _ (for example WX-DRN-001)',
  }),
  name: text('Name', { min: 1, max: 120 }),
  type: oneOf('Type', DRONE_TYPES),
  max_payload_kg: number('Maximum payload', { min: 0, max: 1000, unit: 'kg' }),
  'home.lat': latitude('Home latitude'),
  'home.lon': longitude('Home longitude'),
  notes: optional(text('Notes', { max: 2000 })),
};

/** UpdateDroneDto's rules: any subset of the registered fields, maintenance and active. */
export const UPDATE_DRONE_RULES: RuleSet = {
  name: optional(text('Name', { min: 1, max: 120 })),
  type: optional(oneOf('Type', DRONE_TYPES)),
  max_payload_kg: optional(number('Maximum payload', { min: 0, max: 1000, unit: 'kg' })),
  'home.lat': latitude('Home latitude'),
  'home.lon': longitude('Home longitude'),
  notes: optional(text('Notes', { max: 2000 })),
  maintenance: optional(boolean('Maintenance')),
  active: optional(boolean('Active')),
};

/** RotateDroneKeyDto: grace_s, whole seconds up to 30 days. */
export const MAX_GRACE_S = 30 * 86_400;
export const ROTATE_KEY_RULES: RuleSet = {
  grace_s: optional(number('Grace period', { min: 0, max: MAX_GRACE_S, integer: true, unit: 's' })),
};

export const DRONE_TYPE_LABELS: Record<DroneType, string> = {
  quadcopter: 'Quadcopter',
  hexacopter: 'Hexacopter',
  octocopter: 'Octocopter',
  vtol: 'VTOL',
  fixed_wing: 'Fixed wing',
  other: 'Other',
};

/** The drone form as typed (strings), for registering and for editing. */
export interface DroneForm {
  droneId: string;
  name: string;
  type: DroneType;
  maxPayloadKg: string;
  homeLat: string;
  homeLon: string;
  notes: string;
}

export type DroneFormErrors = Partial<Record<keyof DroneForm, string>>;

export const EMPTY_DRONE_FORM: DroneForm = { droneId: '', name: '', type: 'quadcopter', maxPayloadKg: '', homeLat: '', homeLon: '', notes: '' };

export function droneToForm(d: DroneDto): DroneForm {
  return {
    droneId: d.drone_id,
    name: d.name,
    type: d.type,
    maxPayloadKg: String(d.max_payload_kg),
    homeLat: d.home ? String(d.home.lat) : '',
    homeLon: d.home ? String(d.home.lon) : '',
    notes: d.notes ?? '',
  };
}

const FIELD_OF: Record<string, keyof DroneForm> = {
  drone_id: 'droneId',
  name: 'name',
  type: 'type',
  max_payload_kg: 'maxPayloadKg',
  home: 'homeLat',
  'home.lat': 'homeLat',
  'home.lon': 'homeLon',
  notes: 'notes',
};

/** A typed number: undefined when empty, the text itself when it is not a number (so the rule names it). */
function num(s: string): number | string | undefined {
  const t = s.trim();
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

/** The home from its two fields: null when both are empty, else both must be given. */
function home(form: DroneForm, errors: DroneFormErrors): { lat: unknown; lon: unknown } | null {
  const lat = num(form.homeLat);
  const lon = num(form.homeLon);
  if (lat === undefined && lon === undefined) return null;
  if (lat === undefined) errors.homeLat = 'Give both home coordinates, or neither';
  if (lon === undefined) errors.homeLon = 'Give both home coordinates, or neither';
  return { lat, lon };
}

function collect(errors: DroneFormErrors, problems: Record<string, string>): void {
  for (const [field, message] of Object.entries(problems)) {
    const f = FIELD_OF[field];
    if (f && !errors[f]) errors[f] = message;
  }
}

/** The form as RegisterDroneDto, by the DTO's rules, with each problem on its field. */
export function buildRegisterDrone(form: DroneForm): { drone: RegisterDroneDto | null; errors: DroneFormErrors } {
  const errors: DroneFormErrors = {};
  if (form.maxPayloadKg.trim() === '') errors.maxPayloadKg = 'Maximum payload is required';
  const drone: Record<string, unknown> = {
    drone_id: form.droneId.trim(),
    name: form.name.trim(),
    type: form.type,
    max_payload_kg: num(form.maxPayloadKg),
  };
  const h = home(form, errors);
  if (h) drone.home = h;
  if (form.notes.trim()) drone.notes = form.notes.trim();
  collect(errors, checkRules(REGISTER_DRONE_RULES, drone));
  return Object.keys(errors).length > 0 ? { drone: null, errors } : { drone: drone as unknown as RegisterDroneDto, errors };
}

/**
 * The fields that differ from the drone as UpdateDroneDto (nothing else is sent, so a concurrent change to
 * another field is not undone); `patch` is null when the form is invalid, and empty when nothing changed.
 */
export function buildUpdateDrone(form: DroneForm, before: DroneDto): { patch: UpdateDroneDto | null; errors: DroneFormErrors } {
  const errors: DroneFormErrors = {};
  if (form.maxPayloadKg.trim() === '') errors.maxPayloadKg = 'Maximum payload is required';
  const patch: Record<string, unknown> = {};
  if (form.name.trim() !== before.name) patch.name = form.name.trim();
  if (form.type !== before.type) patch.type = form.type;
  const payload = num(form.maxPayloadKg);
  if (payload !== before.max_payload_kg) patch.max_payload_kg = payload;
  const h = home(form, errors);
  if (h === null ? before.home !== null : !before.home || h.lat !== before.home.lat || h.lon !== before.home.lon) patch.home = h;
  const notes = form.notes.trim() || null;
  if (notes !== (before.notes ?? null)) patch.notes = notes;
  collect(errors, checkRules(UPDATE_DRONE_RULES, patch));
  return Object.keys(errors).length > 0 ? { patch: null, errors } : { patch: patch as UpdateDroneDto, errors };
}

/**
 * A grace period typed in hours (the unit people think in) as RotateDroneKeyDto's grace_s, or the problem;
 * empty means fleet-api's default (graceS null).
 */
export function graceSeconds(hours: string): { graceS: number | null; error: string | null } {
  const t = hours.trim();
  if (t === '') return { graceS: null, error: null };
  const h = Number(t);
  if (!Number.isFinite(h)) return { graceS: null, error: 'Give the grace period in hours (0 ends the old keys at once)' };
  const graceS = Math.round(h * 3600);
  const problem = checkRules(ROTATE_KEY_RULES, { grace_s: graceS }).grace_s;
  if (problem) return { graceS: null, error: `The grace period must be from 0 to ${MAX_GRACE_S / 3600} hours (30 days)` };
  return { graceS, error: null };
}
