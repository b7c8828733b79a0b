import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';
import type { Prisma, ServiceArea } from '../generated/prisma/client.js';

@Injectable()
export class ServiceAreasRepository {
  constructor(private readonly prisma: PrismaService) {}

  listActive(): Promise<ServiceArea[]> {
    return this.prisma.serviceArea.findMany({ where: { active: true }, orderBy: { createdAt: 'asc' } });
  }

  create(name: string, polygon: number[][][]): Promise<ServiceArea> {
    return this.prisma.serviceArea.create({ data: { name, polygon: polygon as Prisma.InputJsonValue } });
  }

  /** Deactivates (orders keep their reference); false when there was no such active area. */
  async deactivate(id: string): Promise<boolean> {
    const { count } = await this.prisma.serviceArea.updateMany({ where: { id, active: true }, data: { active: false } });
    return count === 1;
  }
}
