import { Global, Module } from '@nestjs/common';
import { IdempotencyService } from './common/idempotency.service.js';
import { JobsRepository } from './dispatch/jobs.repository.js';
import { OrdersRepository } from './orders/orders.repository.js';
import { DeliveryProgressService } from './progress/delivery-progress.service.js';
import { OrderStateRepository } from './state-machine/order-state.repository.js';

/** The stores and rules every feature shares: orders, their state machine, jobs. */
@Global()
@Module({
  providers: [OrdersRepository, OrderStateRepository, JobsRepository, DeliveryProgressService, IdempotencyService],
  exports: [OrdersRepository, OrderStateRepository, JobsRepository, DeliveryProgressService, IdempotencyService],
})
export class DomainModule {}
