import { BadRequestException, ConflictException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { polygonProblem, type CreateGeofenceDto, type GeofenceDto, type GeofenceListDto, type GeofenceListQueryDto, type UpdateGeofenceDto } from '@wingxtra/contracts';
import { isUniqueViolation } from '@wingxtra/service-kit';
import { REDIS } from '../redis/redis.module.js';
import { GEOFENCES_CHANNEL } from '../registry/registry.keys.js';
import { GeofenceCache } from './geofence.cache.js';
import { toGeofenceDto } from './geofence.mapper.js';
import { GeofencesRepository } from './geofences.repository.js';

const invalid = (field: string, message: string) => new BadRequestException({ message, errors: [{ field, message }] });

/** Service areas and no-fly zones: checked shapes, unique names, and every replica told of each change. */
@Injectable()
export class GeofencesService {
  private readonly logger = new Logger(GeofencesService.name);

  constructor(
    private readonly repo: GeofencesRepository,
    private readonly cache: GeofenceCache,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async list(q: GeofenceListQueryDto): Promise<GeofenceListDto> {
    return { items: (await this.repo.list({ kind: q.kind, includeInactive: q.include_inactive === true })).map(toGeofenceDto) };
  }

  async get(id: string): Promise<GeofenceDto> {
    const fence = await this.repo.find(id);
    if (!fence) throw new NotFoundException(`Geofence ${id} not found`);
    return toGeofenceDto(fence);
  }

  async create(dto: CreateGeofenceDto): Promise<GeofenceDto> {
    check(dto.geometry?.coordinates, dto.min_alt_m ?? null, dto.max_alt_m ?? null);
    const fence = await this.named(dto.name, () =>
      this.repo.create({ name: dto.name, kind: dto.kind, polygon: dto.geometry.coordinates, minAltM: dto.min_alt_m ?? null, maxAltM: dto.max_alt_m ?? null, active: dto.active ?? true }),
    );
    await this.changed();
    return toGeofenceDto(fence);
  }

  async update(id: string, dto: UpdateGeofenceDto): Promise<GeofenceDto> {
    const before = await this.repo.find(id);
    if (!before) throw new NotFoundException(`Geofence ${id} not found`);
    const minAlt = dto.min_alt_m !== undefined ? dto.min_alt_m : before.minAltM;
    const maxAlt = dto.max_alt_m !== undefined ? dto.max_alt_m : before.maxAltM;
    check(dto.geometry ? dto.geometry.coordinates : (before.polygon as number[][][]), minAlt, maxAlt);
    const fence = await this.named(dto.name ?? before.name, () =>
      this.repo.update(id, {
        ...(dto.name !== undefined ? { name: dto.name } : {}),
        ...(dto.kind !== undefined ? { kind: dto.kind } : {}),
        ...(dto.geometry !== undefined ? { polygon: dto.geometry.coordinates } : {}),
        ...(dto.min_alt_m !== undefined ? { minAltM: dto.min_alt_m } : {}),
        ...(dto.max_alt_m !== undefined ? { maxAltM: dto.max_alt_m } : {}),
        ...(dto.active !== undefined ? { active: dto.active } : {}),
      }),
    );
    await this.changed();
    return toGeofenceDto(fence);
  }

  async remove(id: string): Promise<void> {
    if (!(await this.repo.delete(id))) throw new NotFoundException(`Geofence ${id} not found`);
    await this.changed();
  }

  private async named<T>(name: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictException(`A geofence named "${name}" exists already`);
      throw err;
    }
  }

  /** This replica reloads at once; the others on the notice (or within REGISTRY_CACHE_TTL_S if it is lost). */
  private async changed(): Promise<void> {
    await this.cache.reload();
    await this.redis.publish(GEOFENCES_CHANNEL, '1').catch((err: Error) => this.logger.warn(`geofence change not published: ${err.message}`));
  }
}

function check(coordinates: unknown, minAlt: number | null, maxAlt: number | null): void {
  const problem = polygonProblem(coordinates);
  if (problem) throw invalid('geometry.coordinates', problem);
  if (minAlt !== null && maxAlt !== null && minAlt >= maxAlt) throw invalid('min_alt_m', 'min_alt_m must be below max_alt_m');
}
