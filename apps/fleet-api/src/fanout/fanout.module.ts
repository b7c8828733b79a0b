import { Module } from '@nestjs/common';
import { FanoutStatsRepository } from './fanout-stats.repository.js';
import { FanoutController } from './fanout.controller.js';
import { FanoutService } from './fanout.service.js';

@Module({
  controllers: [FanoutController],
  providers: [FanoutService, FanoutStatsRepository],
  exports: [FanoutService],
})
export class FanoutModule {}
