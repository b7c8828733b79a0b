import { Module } from '@nestjs/common';
import { ServiceAreasModule } from '../service-areas/service-areas.module.js';
import { OrdersController } from './orders.controller.js';
import { OrdersService } from './orders.service.js';

@Module({ imports: [ServiceAreasModule], controllers: [OrdersController], providers: [OrdersService], exports: [OrdersService] })
export class OrdersModule {}
