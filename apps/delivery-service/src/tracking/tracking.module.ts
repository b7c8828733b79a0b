import { Module } from '@nestjs/common';
import { PodModule } from '../pod/pod.module.js';
import { TrackingController } from './tracking.controller.js';
import { TrackingService } from './tracking.service.js';

@Module({ imports: [PodModule], controllers: [TrackingController], providers: [TrackingService] })
export class TrackingModule {}
