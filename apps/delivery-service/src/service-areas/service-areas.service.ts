import { Injectable } from '@nestjs/common';
import type { GeofenceDto, ServiceAreaDto } from '@wingxtra/contracts';
import { unprocessable } from '../common/problem.error.js';
import { FleetRegistryGateway } from '../fleet/fleet-registry.gateway.js';
import { judgePositions, type NamedPosition } from './position-check.js';

const toDto = (f: GeofenceDto): ServiceAreaDto => ({
  id: f.id,
  name: f.name,
  kind: f.kind,
  polygon: f.geometry.coordinates,
  min_alt_m: f.min_alt_m,
  max_alt_m: f.max_alt_m,
  active: f.active,
  created_at: f.created_at,
  updated_at: f.updated_at,
});

/**
 * Where orders may go: fleet-api's geofences (managed there by ADMIN), read through the registry gateway. A pickup
 * or dropoff inside a no-fly zone is refused, and so is one outside every service area once any exists.
 */
@Injectable()
export class ServiceAreasService {
  constructor(private readonly registry: FleetRegistryGateway) {}

  /** The active service areas and no-fly zones, each with its kind (the merchant map shows them). */
  async list(): Promise<ServiceAreaDto[]> {
    return (await this.registry.geofences()).map(toDto);
  }

  /**
   * Judges the positions; throws 422 naming each broken rule and its fences, with the nearest allowed point, when
   * any is refused. Returns the service area the dropoff is in (null when there is none, or no dropoff was given).
   */
  async admit(positions: NamedPosition[]): Promise<{ id: string; name: string } | null> {
    const { refusals, dropoffArea } = judgePositions(await this.registry.geofences(), positions);
    if (refusals.length > 0) {
      const [first] = refusals;
      throw unprocessable(refusals.map((r) => r.message).join('; '), { field: first.field, rule: first.rule, fences: first.fences, nearest_allowed: first.nearest_allowed, errors: refusals });
    }
    return dropoffArea === null ? null : { id: dropoffArea.id!, name: dropoffArea.name };
  }
}
