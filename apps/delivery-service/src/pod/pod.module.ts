import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module.js';
import { PodController } from './pod.controller.js';
import { PodRepository } from './pod.repository.js';
import { PodService } from './pod.service.js';

@Module({ imports: [OrdersModule], controllers: [PodController], providers: [PodRepository, PodService], exports: [PodRepository] })
export class PodModule {}
