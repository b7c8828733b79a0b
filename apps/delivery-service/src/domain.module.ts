import { Global, Module } from '@nestjs/common';
import { IdempotencyService } from './common/idempotency.service.js';
import { DronesRepository } from './dispatch/drones.repository.js';
import { JobsRepository } from './dispatch/jobs.repository.js';
import { OrdersRepository } from './orders/orders.repository.js';
import { DeliveryProgressService } from './progress/delivery-progress.service.js';
import { OrderStateRepository } from './state-machine/order-state.repository.js';

/** The stores and rules every feature shares: orders, their state machine, jobs, the drone registry. */
@Global()
@Module({
  providers: [OrdersRepository, OrderStateRepository, JobsRepository, DronesRepository, DeliveryProgressService, IdempotencyService],
  exports: [OrdersRepository, OrderStateRepository, JobsRepository, DronesRepository, DeliveryProgressService, IdempotencyService],
})
export class DomainModule {}
