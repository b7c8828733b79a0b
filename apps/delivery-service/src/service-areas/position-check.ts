import { checkPosition, pointInPolygon, type GeofenceShape, type OrderPositionRefusalDto } from '@wingxtra/contracts';
import type { LatLng } from '../geo/geo.js';

/** An order position to judge, named as the order's fields are. */
export interface NamedPosition {
  field: OrderPositionRefusalDto['field'];
  at: LatLng;
}

export interface PositionsVerdict {
  /** Every rule a position breaks, in the order given; empty when all are allowed. */
  refusals: OrderPositionRefusalDto[];
  /** The service area the dropoff is in (the first that contains it), or null: no service areas, no dropoff judged, or refused. */
  dropoffArea: GeofenceShape | null;
}

/**
 * Judges an order's positions against fleet-api's geofences with the contracts' checkPosition (the one position
 * rule), without an altitude: positions are on the ground, so a no-fly zone counts as its whole column. A refused
 * position carries checkPosition's nearest allowed point, in delivery-service's {lat, lng}.
 */
export function judgePositions(fences: GeofenceShape[], positions: NamedPosition[]): PositionsVerdict {
  const refusals: OrderPositionRefusalDto[] = [];
  for (const { field, at } of positions) {
    const verdict = checkPosition(fences, { lat: at.lat, lon: at.lng });
    const nearest = verdict.nearest_allowed === null ? null : { lat: verdict.nearest_allowed.lat, lng: verdict.nearest_allowed.lon };
    for (const v of verdict.violations) {
      if (v.rule === 'altitude_limit') continue; // judged only with an altitude, which order positions have not
      const named = v.rule === 'outside_service_area' ? ` (${v.fences.join(', ')})` : '';
      refusals.push({ field, rule: v.rule, fences: v.fences, message: `${field} ${v.message}${named}`, nearest_allowed: nearest });
    }
  }
  const dropoff = positions.find((p) => p.field === 'dropoff');
  const dropoffArea =
    refusals.length > 0 || dropoff === undefined
      ? null
      : (fences.find((f) => f.kind === 'service_area' && f.active !== false && pointInPolygon({ lat: dropoff.at.lat, lon: dropoff.at.lng }, f.geometry.coordinates)) ?? null);
  return { refusals, dropoffArea };
}
