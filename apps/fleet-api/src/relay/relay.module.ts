import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TELEMETRY_HISTORY_QUEUE } from '@wingxtra/contracts';
import { FanoutModule } from '../fanout/fanout.module.js';
import { RelayService } from './relay.service.js';

@Module({
  imports: [BullModule.registerQueue({ name: TELEMETRY_HISTORY_QUEUE }), FanoutModule],
  providers: [RelayService],
})
export class RelayModule {}
