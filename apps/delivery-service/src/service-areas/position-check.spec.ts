import { describe, expect, it } from '@jest/globals';
import type { GeofenceShape } from '@wingxtra/contracts';
import { judgePositions } from './position-check.js';

const square = (lat: number, lng: number, r: number) => [[[lng - r, lat - r], [lng + r, lat - r], [lng + r, lat + r], [lng - r, lat + r], [lng - r, lat - r]]];
const accra: GeofenceShape = { id: 'a1', name: 'Accra central', kind: 'service_area', geometry: { coordinates: square(5.6, -0.19, 0.05) } };
const tema: GeofenceShape = { id: 'a2', name: 'Tema', kind: 'service_area', geometry: { coordinates: square(5.67, -0.02, 0.03) } };
/** A no-fly zone whose floor is far above any drone, which without an altitude still counts as its whole column. */
const castle: GeofenceShape = { id: 'z1', name: 'Castle', kind: 'no_fly_zone', geometry: { coordinates: square(5.6, -0.19, 0.002) }, min_alt_m: 5000 };

describe('judgePositions', () => {
  it('allows anywhere without geofences, with no area to name', () => {
    expect(judgePositions([], [{ field: 'pickup', at: { lat: 1, lng: 2 } }, { field: 'dropoff', at: { lat: 3, lng: 4 } }])).toEqual({ refusals: [], dropoffArea: null });
  });

  it('names the service area the dropoff is in, whichever the pickup is in', () => {
    const v = judgePositions([accra, tema], [{ field: 'pickup', at: { lat: 5.6, lng: -0.17 } }, { field: 'dropoff', at: { lat: 5.67, lng: -0.02 } }]);
    expect(v).toEqual({ refusals: [], dropoffArea: tema });
  });

  it('refuses a position outside every service area, naming them, with the nearest point inside in {lat, lng}', () => {
    const { refusals, dropoffArea } = judgePositions([accra, tema], [{ field: 'dropoff', at: { lat: 5.7, lng: -0.19 } }]);
    expect(dropoffArea).toBeNull();
    expect(refusals).toEqual([
      { field: 'dropoff', rule: 'outside_service_area', fences: ['Accra central', 'Tema'], message: 'dropoff outside every service area (Accra central, Tema)', nearest_allowed: { lat: expect.any(Number), lng: expect.any(Number) } },
    ]);
    expect(refusals[0].nearest_allowed!.lat).toBeLessThan(5.65);
    expect(refusals[0].nearest_allowed!.lat).toBeGreaterThan(5.6499);
    expect(refusals[0].nearest_allowed!.lng).toBeCloseTo(-0.19, 6);
  });

  it("refuses a position inside a no-fly zone's column whatever its altitude band, suggesting the nearest point outside", () => {
    const { refusals } = judgePositions([accra, castle], [{ field: 'pickup', at: { lat: 5.6, lng: -0.1905 } }, { field: 'dropoff', at: { lat: 5.62, lng: -0.19 } }]);
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatchObject({ field: 'pickup', rule: 'no_fly_zone', fences: ['Castle'], message: 'pickup inside no-fly zone Castle' });
    const { lat, lng } = refusals[0].nearest_allowed!;
    expect(lng).toBeLessThan(-0.192); // out through the western edge, the nearest
    expect(lat).toBeCloseTo(5.6, 6);
    expect(judgePositions([accra, castle], [{ field: 'pickup', at: { lat, lng } }]).refusals).toEqual([]);
  });

  it('ignores inactive fences', () => {
    expect(judgePositions([{ ...castle, active: false }], [{ field: 'dropoff', at: { lat: 5.6, lng: -0.19 } }]).refusals).toEqual([]);
  });
});
