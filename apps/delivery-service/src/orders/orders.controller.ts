import { Body, Controller, DefaultValuePipe, Get, Headers, HttpCode, Param, ParseIntPipe, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  CancelOrderDto,
  CreateOrderDto,
  OrderListQueryDto,
  RescheduleOrderDto,
  UpdateOrderDto,
  type CreatedOrderDto,
  type DeliveryEventListDto,
  type OrderDto,
  type OrderListDto,
} from '@wingxtra/contracts';
import { CurrentPrincipal, Roles } from '@wingxtra/service-kit';
import type { Principal } from '@wingxtra/service-kit';
import { IdempotencyService, requestHash } from '../common/idempotency.service.js';
import { ProblemError } from '../common/problem.error.js';
import { OrdersService } from './orders.service.js';

@ApiTags('orders')
@ApiBearerAuth()
@Controller('api/v1/orders')
export class OrdersController {
  constructor(
    private readonly orders: OrdersService,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Post()
  @Roles('MERCHANT', 'OPS', 'ADMIN')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same key and body → the first response again; same key, other body → 422' })
  async create(
    @Body() dto: CreateOrderDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CreatedOrderDto> {
    // The OTP is shown once: a replay answers the same order with otp null (it is never stored in clear).
    const result = await this.idempotency.run(`${principal.sub}:POST /orders`, key, key === undefined ? '' : requestHash(dto), 201, () => this.orders.create(dto, principal), (body) => ({ ...body, otp: null }));
    reply.status(result.status);
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    return result.body;
  }

  @Get()
  @Roles('MERCHANT', 'OPS', 'ADMIN')
  list(@Query() query: OrderListQueryDto, @CurrentPrincipal() principal: Principal): Promise<OrderListDto> {
    if (query.from && query.to && Date.parse(query.from) > Date.parse(query.to)) throw new ProblemError(400, 'from must not be after to');
    return this.orders.list(query, principal);
  }

  @Get(':id')
  @Roles('MERCHANT', 'OPS', 'ADMIN')
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<OrderDto> {
    return this.orders.get(id, principal);
  }

  /** Limited changes: dropoff, customer_phone, priority; only before a drone is assigned. */
  @Patch(':id')
  @Roles('MERCHANT', 'OPS', 'ADMIN')
  update(@Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateOrderDto, @CurrentPrincipal() principal: Principal): Promise<OrderDto> {
    return this.orders.update(id, dto, principal);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('MERCHANT', 'OPS', 'ADMIN')
  cancel(@Param('id', ParseUUIDPipe) id: string, @Body() dto: CancelOrderDto, @CurrentPrincipal() principal: Principal): Promise<OrderDto> {
    return this.orders.cancel(id, dto.reason, principal);
  }

  @Post(':id/reschedule')
  @HttpCode(200)
  @Roles('MERCHANT', 'OPS', 'ADMIN')
  reschedule(@Param('id', ParseUUIDPipe) id: string, @Body() dto: RescheduleOrderDto, @CurrentPrincipal() principal: Principal): Promise<OrderDto> {
    return this.orders.reschedule(id, dto, principal);
  }

  /** The order's immutable timeline, oldest first. */
  @Get(':id/events')
  @Roles('MERCHANT', 'OPS', 'ADMIN')
  events(
    @Param('id', ParseUUIDPipe) id: string,
    @Query('cursor') cursor: string | undefined,
    @Query('limit', new DefaultValuePipe(100), ParseIntPipe) limit: number,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DeliveryEventListDto> {
    if (limit < 1 || limit > 500) throw new ProblemError(400, 'limit must be between 1 and 500');
    return this.orders.events(id, cursor, limit, principal);
  }
}
