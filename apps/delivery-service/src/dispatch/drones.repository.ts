import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';
import type { Drone } from '../generated/prisma/client.js';
import { TtlCache } from '../common/ttl-cache.js';

/** The capability registry dispatch reads (max payload, home, active, maintenance). */
@Injectable()
export class DronesRepository {
  private readonly largestPayload = new TtlCache(async () => {
    const r = await this.prisma.drone.aggregate({ where: { active: true }, _max: { maxPayloadKg: true } });
    return r._max.maxPayloadKg;
  }, 1000);

  constructor(private readonly prisma: PrismaService) {}

  list(): Promise<Drone[]> {
    return this.prisma.drone.findMany({ orderBy: { droneId: 'asc' } });
  }

  find(droneId: string): Promise<Drone | null> {
    return this.prisma.drone.findUnique({ where: { droneId } });
  }

  async upsert(droneId: string, data: { maxPayloadKg: number; homeLat?: number | null; homeLng?: number | null; active?: boolean; maintenance?: boolean }): Promise<Drone> {
    const drone = await this.prisma.drone.upsert({ where: { droneId }, create: { droneId, ...data }, update: data });
    this.largestPayload.invalidate();
    return drone;
  }

  /** The largest payload any active drone can lift, or null when none is registered (cached for a second: order creation reads it). */
  largestActivePayloadKg(): Promise<number | null> {
    return this.largestPayload.get();
  }
}
