import { Injectable, Logger } from '@nestjs/common';
import { AnalyticsConfig } from '../config/analytics-config.js';
import { DailyPartitionKeeper } from '../database/daily-partitions.js';
import { PrismaService } from '../database/prisma.service.js';

/** telemetry_raw's daily partitions, kept for RETENTION_DAYS (see DailyPartitionKeeper). */
@Injectable()
export class PartitionsService extends DailyPartitionKeeper {
  constructor(prisma: PrismaService, config: AnalyticsConfig) {
    super(prisma, {
      tables: [{ table: 'telemetry_raw', timeColumn: 'ts' }],
      aheadDays: config.PARTITION_AHEAD_DAYS,
      retentionDays: config.RETENTION_DAYS,
      lockKey: 7_331_004_212,
      logger: new Logger('Partitions'),
    });
  }
}
