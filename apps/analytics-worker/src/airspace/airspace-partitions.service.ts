import { Injectable, Logger } from '@nestjs/common';
import { AnalyticsConfig } from '../config/analytics-config.js';
import { DailyPartitionKeeper } from '../database/daily-partitions.js';
import { PrismaService } from '../database/prisma.service.js';

/** The range-partitioned airspace tables (column "time"). */
export const AIRSPACE_TABLES = ['airspace_tracks', 'airspace_signals', 'airspace_system_health'] as const;

/** The airspace tables' daily partitions, kept for AIRSPACE_RETENTION_DAYS (see DailyPartitionKeeper). */
@Injectable()
export class AirspacePartitionsService extends DailyPartitionKeeper {
  constructor(prisma: PrismaService, config: AnalyticsConfig) {
    super(prisma, {
      tables: AIRSPACE_TABLES.map((table) => ({ table, timeColumn: 'time' })),
      aheadDays: config.PARTITION_AHEAD_DAYS,
      retentionDays: config.AIRSPACE_RETENTION_DAYS,
      lockKey: 7_331_004_213,
      logger: new Logger('AirspacePartitions'),
    });
  }
}
