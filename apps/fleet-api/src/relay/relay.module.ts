import { Module } from '@nestjs/common';
import { Queue } from 'bullmq';
import { TELEMETRY_HISTORY_QUEUE } from '@wingxtra/contracts';
import { FleetConfig } from '../config/fleet-config.js';
import { FanoutModule } from '../fanout/fanout.module.js';
import { bullConnectionOptions } from '../redis/redis.module.js';
import { HISTORY_QUEUE, RelayService } from './relay.service.js';

@Module({
  imports: [FanoutModule],
  providers: [
    RelayService,
    {
      provide: HISTORY_QUEUE,
      inject: [FleetConfig],
      useFactory: (config: FleetConfig) => {
        const queue = new Queue(TELEMETRY_HISTORY_QUEUE, { connection: bullConnectionOptions(config.REDIS_URL) });
        queue.on('error', () => undefined); // BullMQ reconnects by itself; the command client reports outages
        return queue;
      },
    },
  ],
})
export class RelayModule {}
