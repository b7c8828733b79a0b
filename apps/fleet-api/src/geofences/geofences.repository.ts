import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';
import { Prisma, type Geofence } from '../generated/prisma/client.js';

/** The only place that speaks Prisma for geofences. */
@Injectable()
export class GeofencesRepository {
  constructor(private readonly prisma: PrismaService) {}

  list(f: { kind?: string; includeInactive: boolean }): Promise<Geofence[]> {
    return this.prisma.geofence.findMany({ where: { ...(f.kind ? { kind: f.kind } : {}), ...(f.includeInactive ? {} : { active: true }) }, orderBy: { name: 'asc' } });
  }

  find(id: string): Promise<Geofence | null> {
    return this.prisma.geofence.findUnique({ where: { id } });
  }

  create(data: Prisma.GeofenceCreateInput): Promise<Geofence> {
    return this.prisma.geofence.create({ data });
  }

  update(id: string, data: Prisma.GeofenceUpdateInput): Promise<Geofence> {
    return this.prisma.geofence.update({ where: { id }, data });
  }

  async delete(id: string): Promise<boolean> {
    const { count } = await this.prisma.geofence.deleteMany({ where: { id } });
    return count === 1;
  }
}
