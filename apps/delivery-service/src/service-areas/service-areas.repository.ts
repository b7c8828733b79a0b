import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';
import type { Prisma, ServiceArea } from '../generated/prisma/client.js';

@Injectable()
export class ServiceAreasRepository {
  constructor(private readonly prisma: PrismaService) {}

  listActive(): Promise<ServiceArea[]> {
    return this.prisma.serviceArea.findMany({ where: { active: true }, orderBy: { createdAt: 'asc' } });
  }

  /** A new area, or a deactivated one of the same name brought back with this polygon. */
  async create(name: string, polygon: number[][][]): Promise<ServiceArea> {
    const revived = await this.prisma.serviceArea.updateManyAndReturn({ where: { name, active: false }, data: { polygon: polygon as Prisma.InputJsonValue, active: true } });
    if (revived.length > 0) return revived[0];
    return this.prisma.serviceArea.create({ data: { name, polygon: polygon as Prisma.InputJsonValue } });
  }

  /** Deactivates (orders keep their reference); false when there was no such active area. */
  async deactivate(id: string): Promise<boolean> {
    const { count } = await this.prisma.serviceArea.updateMany({ where: { id, active: true }, data: { active: false } });
    return count === 1;
  }
}
