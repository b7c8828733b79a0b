import { Module } from '@nestjs/common';
import { AirspaceModule } from '../airspace/airspace.module.js';
import { DispatchController } from './dispatch.controller.js';
import { DispatchService } from './dispatch.service.js';

@Module({ imports: [AirspaceModule], controllers: [DispatchController], providers: [DispatchService], exports: [DispatchService] })
export class DispatchModule {}
