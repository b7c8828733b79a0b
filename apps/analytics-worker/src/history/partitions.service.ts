import { Injectable, Logger } from '@nestjs/common';
import { AnalyticsConfig } from '../config/analytics-config.js';
import { DailyPartitionKeeper } from '../database/daily-partitions.js';
import { PrismaService } from '../database/prisma.service.js';

/** telemetry_raw's daily partitions, kept for RETENTION_DAYS (see DailyPartitionKeeper). */
@Injectable()
export class PartitionsService extends DailyPartitionKeeper {
  constructor(prisma: PrismaService, config: AnalyticsConfig) {
    super(prisma, config, [{ table: 'telemetry_raw', timeColumn: 'ts' }], 7_331_004_212, new Logger('Partitions'));
  }

  protected retentionDays(): number {
    return this.config.RETENTION_DAYS;
  }
}
