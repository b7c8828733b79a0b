import { describe, expect, it } from '@jest/globals';
import type { GeofenceDto } from '@wingxtra/contracts/client';
import { buildGeofence, EMPTY_GEOFENCE_FORM, geofencePatch, geofenceToForm } from './geofence-form';
import { geometryToDraft, type PolygonDraft } from './polygon-edit';

const square: PolygonDraft = { outline: [[5.6, -0.2], [5.6, -0.1], [5.7, -0.1], [5.7, -0.2]], holes: [] };
const form = { ...EMPTY_GEOFENCE_FORM, name: 'Accra central', kind: 'no_fly_zone' as const, maxAltM: '120' };

describe('the geofence form', () => {
  it('builds a CreateGeofenceDto from the fields and the drawn outline', () => {
    expect(buildGeofence(form, square)).toEqual({
      errors: {},
      fence: {
        name: 'Accra central',
        kind: 'no_fly_zone',
        geometry: { type: 'Polygon', coordinates: [[[-0.2, 5.6], [-0.1, 5.6], [-0.1, 5.7], [-0.2, 5.7], [-0.2, 5.6]]] },
        min_alt_m: null,
        max_alt_m: 120,
        active: true,
      },
    });
  });

  it('names a missing name, an outline not drawn, an altitude that is not a number and a band upside down', () => {
    expect(buildGeofence({ ...form, name: '' }, { outline: [], holes: [] }).errors).toEqual({ name: 'Name must not be empty', geometry: 'Draw at least 3 points on the map (0 so far).' });
    expect(buildGeofence({ ...form, minAltM: 'low' }, square).errors.minAltM).toBe('Lowest altitude must be a number');
    expect(buildGeofence({ ...form, minAltM: '150' }, square).errors.minAltM).toBe('The lowest altitude must be below the highest');
  });

  it('changes only what differs from the saved fence', () => {
    const saved: GeofenceDto = {
      id: '3f9d7a52-55a1-4d8b-9f0c-0b7e2e7d6a11', name: 'Accra central', kind: 'no_fly_zone', min_alt_m: null, max_alt_m: 120, active: true,
      geometry: { type: 'Polygon', coordinates: [[[-0.2, 5.6], [-0.1, 5.6], [-0.1, 5.7], [-0.2, 5.7], [-0.2, 5.6]]] },
      created_at: '2026-12-01T10:00:00.000Z', updated_at: '2026-12-01T10:00:00.000Z',
    };
    const same = buildGeofence(geofenceToForm(saved), geometryToDraft(saved.geometry)).fence!;
    expect(geofencePatch(same, saved)).toEqual({});
    const moved = buildGeofence({ ...geofenceToForm(saved), maxAltM: '' }, { ...square, outline: [...square.outline.slice(0, 3), [5.75, -0.2]] }).fence!;
    expect(geofencePatch(moved, saved)).toEqual({
      max_alt_m: null,
      geometry: { type: 'Polygon', coordinates: [[[-0.2, 5.6], [-0.1, 5.6], [-0.1, 5.7], [-0.2, 5.75], [-0.2, 5.6]]] },
    });
  });
});
