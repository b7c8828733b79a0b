import type { GeofenceKind } from '../registry/registry.enums.js';
import { nearestAllowedPoint, pointInPolygon, type LatLon, type PolygonRings } from './geometry.js';

/** What the check needs of a geofence (a GeofenceDto from GET /api/v1/geofences will do). */
export interface GeofenceShape {
  id?: string;
  name: string;
  kind: GeofenceKind;
  geometry: { coordinates: PolygonRings };
  min_alt_m?: number | null;
  max_alt_m?: number | null;
  /** Fences with active false are ignored. */
  active?: boolean;
}

export type GeofenceViolationRule = 'no_fly_zone' | 'outside_service_area' | 'altitude_limit';

export interface GeofenceViolation {
  rule: GeofenceViolationRule;
  /** Names of the fences concerned: the no-fly zones the point is in, or the service areas whose band it leaves. */
  fences: string[];
  message: string;
}

export interface PositionVerdict {
  allowed: boolean;
  violations: GeofenceViolation[];
  /**
   * Where a point that is refused for where it is (not for its altitude) could go instead: the nearest point
   * inside a service area and outside the no-fly zones. Null when allowed, or when none was found.
   */
  nearest_allowed: LatLon | null;
}

const inBand = (alt: number, f: GeofenceShape) => (f.min_alt_m == null || alt >= f.min_alt_m) && (f.max_alt_m == null || alt <= f.max_alt_m);

/**
 * The one rule for a position against the geofences (fleet-api's alerts and delivery-service's dropoff check
 * both call it). A no-fly zone is the volume over its polygon between min_alt_m and max_alt_m (null:
 * unbounded); without an altitude (a dropoff on the ground) every no-fly zone counts as its whole column,
 * since the drone must pass through it to land. When any service area exists the point must be inside one;
 * with an altitude, also within the altitude band of one that contains it (else altitude_limit).
 */
export function checkPosition(fences: GeofenceShape[], p: LatLon, altM?: number | null): PositionVerdict {
  const live = fences.filter((f) => f.active !== false);
  const areas = live.filter((f) => f.kind === 'service_area');
  const zones = live.filter((f) => f.kind === 'no_fly_zone' && (altM == null || inBand(altM, f)));
  const violations: GeofenceViolation[] = [];

  const inZones = zones.filter((z) => pointInPolygon(p, z.geometry.coordinates));
  if (inZones.length > 0) {
    const names = inZones.map((z) => z.name);
    violations.push({ rule: 'no_fly_zone', fences: names, message: `inside no-fly zone ${names.join(', ')}` });
  }
  if (areas.length > 0) {
    const containing = areas.filter((a) => pointInPolygon(p, a.geometry.coordinates));
    if (containing.length === 0) {
      violations.push({ rule: 'outside_service_area', fences: areas.map((a) => a.name), message: 'outside every service area' });
    } else if (altM != null && !containing.some((a) => inBand(altM, a))) {
      const names = containing.map((a) => a.name);
      const limits = containing.map((a) => `${a.min_alt_m ?? '-∞'}..${a.max_alt_m ?? '∞'} m`).join(', ');
      violations.push({ rule: 'altitude_limit', fences: names, message: `altitude ${altM} m outside the band of ${names.join(', ')} (${limits})` });
    }
  }
  const placeRefused = violations.some((v) => v.rule !== 'altitude_limit');
  const nearest = placeRefused
    ? nearestAllowedPoint(p, { serviceAreas: areas.map((a) => a.geometry.coordinates), noFlyZones: zones.map((z) => z.geometry.coordinates) })
    : null;
  return { allowed: violations.length === 0, violations, nearest_allowed: nearest };
}
