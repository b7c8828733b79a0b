import { GEOFENCE_KINDS, type CreateGeofenceDto, type GeofenceDto, type GeofenceKind, type UpdateGeofenceDto } from '@wingxtra/contracts/client';
import { boolean, checkRules, list, number, oneOf, optional, text, type RuleSet } from '../../../utils/rules';
import { draftProblem, draftToGeometry, type PolygonDraft } from './polygon-edit';

/** CreateGeofenceDto's rules (packages/contracts/src/registry/geofence.dto.ts), checked alike by dto-agreement.spec.ts. */
export const CREATE_GEOFENCE_RULES: RuleSet = {
  name: text('Name', { min: 1, max: 120 }),
  kind: oneOf('Kind', GEOFENCE_KINDS),
  'geometry.type': oneOf('Geometry type', ['Polygon']),
  'geometry.coordinates': list('The polygon', { min: 1, max: 50 }),
  min_alt_m: optional(number('Lowest altitude')),
  max_alt_m: optional(number('Highest altitude')),
  active: optional(boolean('Active')),
};

export const GEOFENCE_KIND_LABELS: Record<GeofenceKind, string> = { service_area: 'Service area', no_fly_zone: 'No-fly zone' };

/** The fence's fields as typed (the polygon is drawn on the map). */
export interface GeofenceForm {
  name: string;
  kind: GeofenceKind;
  minAltM: string;
  maxAltM: string;
  active: boolean;
}

export type GeofenceFormErrors = Partial<Record<keyof GeofenceForm | 'geometry', string>>;

export const EMPTY_GEOFENCE_FORM: GeofenceForm = { name: '', kind: 'service_area', minAltM: '', maxAltM: '', active: true };

export function geofenceToForm(g: GeofenceDto): GeofenceForm {
  return { name: g.name, kind: g.kind, minAltM: g.min_alt_m === null ? '' : String(g.min_alt_m), maxAltM: g.max_alt_m === null ? '' : String(g.max_alt_m), active: g.active };
}

/** What each altitude means for the kind chosen, so the person knows which band they are setting. */
export function altitudeHelp(kind: GeofenceKind): { min: string; max: string } {
  return kind === 'service_area'
    ? { min: 'Lowest allowed altitude (m); empty: none', max: 'Altitude limit (m); empty: none' }
    : { min: 'Floor of the forbidden volume (m); empty: from the ground', max: 'Ceiling of the forbidden volume (m); empty: unbounded' };
}

/** An altitude field: null when empty, the text itself when it is not a number (so the rule names it). */
function alt(s: string): number | string | null {
  const t = s.trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

const FIELD_OF: Record<string, keyof GeofenceForm | 'geometry'> = {
  name: 'name',
  kind: 'kind',
  'geometry.type': 'geometry',
  'geometry.coordinates': 'geometry',
  min_alt_m: 'minAltM',
  max_alt_m: 'maxAltM',
  active: 'active',
};

/** The form and the drawn polygon as CreateGeofenceDto, checked by the DTO's rules and fleet-api's own checks. */
export function buildGeofence(form: GeofenceForm, draft: PolygonDraft): { fence: CreateGeofenceDto | null; errors: GeofenceFormErrors } {
  const errors: GeofenceFormErrors = {};
  const fence: Record<string, unknown> = {
    name: form.name.trim(),
    kind: form.kind,
    geometry: draftToGeometry(draft),
    min_alt_m: alt(form.minAltM),
    max_alt_m: alt(form.maxAltM),
    active: form.active,
  };
  const shape = draftProblem(draft);
  if (shape) errors.geometry = shape;
  for (const [field, message] of Object.entries(checkRules(CREATE_GEOFENCE_RULES, fence))) {
    const f = FIELD_OF[field];
    if (f && !errors[f]) errors[f] = message;
  }
  const min = fence.min_alt_m;
  const max = fence.max_alt_m;
  if (typeof min === 'number' && typeof max === 'number' && min >= max && !errors.minAltM) errors.minAltM = 'The lowest altitude must be below the highest';
  return Object.keys(errors).length > 0 ? { fence: null, errors } : { fence: fence as unknown as CreateGeofenceDto, errors };
}

/** Only what differs from the saved fence, as UpdateGeofenceDto (empty when nothing changed). */
export function geofencePatch(fence: CreateGeofenceDto, before: GeofenceDto): UpdateGeofenceDto {
  const patch: UpdateGeofenceDto = {};
  if (fence.name !== before.name) patch.name = fence.name;
  if (fence.kind !== before.kind) patch.kind = fence.kind;
  if (JSON.stringify(fence.geometry.coordinates) !== JSON.stringify(before.geometry.coordinates)) patch.geometry = fence.geometry;
  if ((fence.min_alt_m ?? null) !== before.min_alt_m) patch.min_alt_m = fence.min_alt_m ?? null;
  if ((fence.max_alt_m ?? null) !== before.max_alt_m) patch.max_alt_m = fence.max_alt_m ?? null;
  if ((fence.active ?? true) !== before.active) patch.active = fence.active ?? true;
  return patch;
}
