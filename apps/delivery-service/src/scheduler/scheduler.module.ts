import { BullModule } from '@nestjs/bullmq';
import { Module, type DynamicModule } from '@nestjs/common';
import { DispatchModule } from '../dispatch/dispatch.module.js';
import { SCHEDULER_QUEUE } from '../missions/mission-queue.js';
import { OrdersModule } from '../orders/orders.module.js';
import { ProgressService } from '../progress/progress.service.js';
import { SchedulerProcessor } from './scheduler.processor.js';
import { SchedulerService } from './scheduler.service.js';

/** Periodic work; only in processes that run workers (RUN_WORKERS). */
@Module({})
export class SchedulerModule {
  static forRoot(runWorkers: boolean): DynamicModule {
    return {
      module: SchedulerModule,
      imports: [BullModule.registerQueue({ name: SCHEDULER_QUEUE }), DispatchModule, OrdersModule],
      providers: [ProgressService, ...(runWorkers ? [SchedulerService, SchedulerProcessor] : [])],
      exports: [ProgressService],
    };
  }
}
