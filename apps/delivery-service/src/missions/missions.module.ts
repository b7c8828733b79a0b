import { BullModule } from '@nestjs/bullmq';
import { Module, type DynamicModule } from '@nestjs/common';
import { GcsBridgeClient } from './gcs-bridge.client.js';
import { MissionPublishProcessor } from './mission-publish.processor.js';
import { MISSION_PUBLISH_QUEUE } from './mission-queue.js';
import { MissionsController } from './missions.controller.js';
import { MissionsRepository } from './missions.repository.js';
import { MissionsService } from './missions.service.js';

@Module({})
export class MissionsModule {
  static forRoot(runWorkers: boolean): DynamicModule {
    return {
      module: MissionsModule,
      global: true,
      imports: [BullModule.registerQueue({ name: MISSION_PUBLISH_QUEUE })],
      controllers: [MissionsController],
      providers: [MissionsRepository, MissionsService, GcsBridgeClient, ...(runWorkers ? [MissionPublishProcessor] : [])],
      exports: [MissionsService],
    };
  }
}
