import { Injectable } from '@nestjs/common';
import type { CreateServiceAreaDto, ServiceAreaDto } from '@wingxtra/contracts';
import { conflict, notFound, ProblemError } from '../common/problem.error.js';
import { isUniqueViolation } from '@wingxtra/service-kit';
import { pointInPolygon, polygonProblem, type LatLng, type PolygonCoordinates } from '../geo/geo.js';
import type { ServiceArea } from '../generated/prisma/client.js';
import { ServiceAreasRepository } from './service-areas.repository.js';
import { TtlCache } from '../common/ttl-cache.js';

const toDto = (a: ServiceArea): ServiceAreaDto => ({
  id: a.id,
  name: a.name,
  polygon: a.polygon as number[][][],
  active: a.active,
  created_at: a.createdAt.toISOString(),
});

/** Where the operator flies. When any area is configured, pickups and dropoffs must lie inside one. */
@Injectable()
export class ServiceAreasService {
  /** Read on every order creation; one second of staleness across replicas is acceptable. */
  private readonly active = new TtlCache(() => this.repo.listActive(), 1000);

  constructor(private readonly repo: ServiceAreasRepository) {}

  async list(): Promise<ServiceAreaDto[]> {
    return (await this.repo.listActive()).map(toDto);
  }

  async create(dto: CreateServiceAreaDto): Promise<ServiceAreaDto> {
    const problem = polygonProblem(dto.polygon);
    if (problem) throw new ProblemError(400, problem, { errors: [{ field: 'polygon', message: problem }] });
    try {
      const area = toDto(await this.repo.create(dto.name, dto.polygon));
      this.active.invalidate();
      return area;
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict(`A service area named "${dto.name}" exists already`);
      throw err;
    }
  }

  async remove(id: string): Promise<void> {
    if (!(await this.repo.deactivate(id))) throw notFound(`Service area ${id}`);
    this.active.invalidate();
  }

  /**
   * The area containing every point, or null when no area is configured (then anywhere goes).
   * Throws 422 naming the point outside when areas exist but none contains all points.
   */
  async areaContaining(points: Array<{ name: string; at: LatLng }>): Promise<ServiceArea | null> {
    const areas = await this.active.get();
    if (areas.length === 0) return null;
    const area = areas.find((a) => points.every((p) => pointInPolygon(p.at, a.polygon as PolygonCoordinates)));
    if (area) return area;
    const outside = points.filter((p) => !areas.some((a) => pointInPolygon(p.at, a.polygon as PolygonCoordinates)));
    const names = (outside.length ? outside : points).map((p) => p.name);
    throw new ProblemError(422, outside.length ? `${names.join(' and ')} outside every service area` : 'pickup and dropoff are in different service areas', {
      errors: names.map((field) => ({ field, message: `${field} is outside the service areas (${areas.map((a) => a.name).join(', ')})` })),
    });
  }
}
