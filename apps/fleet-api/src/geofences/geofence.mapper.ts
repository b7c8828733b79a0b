import type { GeofenceDto, GeofenceKind } from '@wingxtra/contracts';
import type { Geofence } from '../generated/prisma/client.js';

export const toGeofenceDto = (g: Geofence): GeofenceDto => ({
  id: g.id,
  name: g.name,
  kind: g.kind as GeofenceKind,
  geometry: { type: 'Polygon', coordinates: g.polygon as number[][][] },
  min_alt_m: g.minAltM,
  max_alt_m: g.maxAltM,
  active: g.active,
  created_at: g.createdAt.toISOString(),
  updated_at: g.updatedAt.toISOString(),
});
