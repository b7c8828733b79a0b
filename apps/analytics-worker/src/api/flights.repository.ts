import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';
import type { Flight, Prisma } from '../generated/prisma/client.js';

/** The columns a leaderboard may rank by. */
export const LEADERBOARD_METRICS = ['wh_per_km', 'wh_used', 'mah_used', 'distance_m', 'duration_s', 'max_alt_m', 'battery_pct_used'] as const;
export type LeaderboardMetric = (typeof LEADERBOARD_METRICS)[number];

const COLUMN: Record<LeaderboardMetric, keyof Flight> = {
  wh_per_km: 'whPerKm',
  wh_used: 'whUsed',
  mah_used: 'mahUsed',
  distance_m: 'distanceM',
  duration_s: 'durationS',
  max_alt_m: 'maxAltM',
  battery_pct_used: 'batteryPctUsed',
};

@Injectable()
export class FlightsRepository {
  constructor(private readonly prisma: PrismaService) {}

  find(id: string): Promise<Flight | null> {
    return this.prisma.flight.findUnique({ where: { id } });
  }

  /** A drone's flights, newest first, keyset-paginated on start time. */
  byDrone(droneId: string, before: Date | undefined, limit: number): Promise<Flight[]> {
    return this.prisma.flight.findMany({ where: { droneId, ...(before ? { startTs: { lt: before } } : {}) }, orderBy: { startTs: 'desc' }, take: limit });
  }

  /**
   * Stores metrics computed from the flight as `seen`, unless late samples have changed it since (its end, end
   * reason or sample count, which the sessionizer updates together): then nothing is written and the answer is
   * false, for the caller to compute again.
   */
  async saveMetricsIfUnchanged(seen: Pick<Flight, 'id' | 'endTs' | 'endReason' | 'sampleCount'>, data: Prisma.FlightUpdateManyMutationInput): Promise<boolean> {
    const { count } = await this.prisma.flight.updateMany({ where: { id: seen.id, endTs: seen.endTs, endReason: seen.endReason, sampleCount: seen.sampleCount }, data });
    return count === 1;
  }

  /**
   * Per drone, the average of a metric over its measured flights since `since`. Lower is better for energy
   * (wh_per_km, wh_used, mah_used, battery_pct_used); the caller picks the order.
   */
  async leaderboard(metric: LeaderboardMetric, since: Date | undefined, order: 'asc' | 'desc', limit: number) {
    const column = COLUMN[metric];
    const rows = await this.prisma.flight.groupBy({
      by: ['droneId'],
      where: { [column]: { not: null }, ...(since ? { startTs: { gte: since } } : {}) },
      _avg: { [column]: true },
      _count: { _all: true },
      orderBy: { _avg: { [column]: order } },
      take: limit,
    } as never);
    return (rows as unknown as Array<{ droneId: string; _avg: Record<string, number | null>; _count: { _all: number } }>).map((r) => ({
      drone_id: r.droneId,
      value: r._avg[column as string],
      flights: r._count._all,
    }));
  }
}
