import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';
import type { Drone } from '../generated/prisma/client.js';

/** The capability registry dispatch reads (max payload, home, active, maintenance). */
@Injectable()
export class DronesRepository {
  constructor(private readonly prisma: PrismaService) {}

  list(): Promise<Drone[]> {
    return this.prisma.drone.findMany({ orderBy: { droneId: 'asc' } });
  }

  find(droneId: string): Promise<Drone | null> {
    return this.prisma.drone.findUnique({ where: { droneId } });
  }

  upsert(droneId: string, data: { maxPayloadKg: number; homeLat?: number | null; homeLng?: number | null; active?: boolean; maintenance?: boolean }): Promise<Drone> {
    return this.prisma.drone.upsert({ where: { droneId }, create: { droneId, ...data }, update: data });
  }

  /** The largest payload any active drone can lift, or null when none is registered. */
  async largestActivePayloadKg(): Promise<number | null> {
    const r = await this.prisma.drone.aggregate({ where: { active: true }, _max: { maxPayloadKg: true } });
    return r._max.maxPayloadKg;
  }
}
