import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  AssignOrderDto,
  DispatchRunRequestDto,
  TELEMETRY_V1,
  type DispatchRunResultDto,
  type DeliveryJobWindowListDto,
  type DroneEligibilityListDto,
  type OrderDto,
} from '@wingxtra/contracts';
import { CurrentPrincipal, Roles } from '@wingxtra/service-kit';
import { actorOf, type Principal } from '@wingxtra/service-kit';
import { ProblemError } from '../common/problem.error.js';
import { DispatchService } from './dispatch.service.js';
import { JobsRepository } from './jobs.repository.js';

const DRONE_ID = new RegExp(TELEMETRY_V1.droneIdPattern);

@ApiTags('dispatch')
@ApiBearerAuth()
@Controller('api/v1')
export class DispatchController {
  constructor(
    private readonly dispatch: DispatchService,
    private readonly jobs: JobsRepository,
  ) {}

  /** Assigns queued orders now; every order's decision comes back with its reasons. */
  @Post('dispatch/run')
  @HttpCode(200)
  @Roles('OPS', 'ADMIN')
  run(@Body() dto: DispatchRunRequestDto, @CurrentPrincipal() principal: Principal): Promise<DispatchRunResultDto> {
    return this.dispatch.run(dto.limit, actorOf(principal));
  }

  /** Manual override: a named drone, with a reason (audited). */
  @Post('orders/:id/assign')
  @HttpCode(200)
  @Roles('OPS', 'ADMIN')
  assign(@Param('id', ParseUUIDPipe) id: string, @Body() dto: AssignOrderDto, @CurrentPrincipal() principal: Principal): Promise<OrderDto> {
    return this.dispatch.assignManually(id, dto.drone_id, dto.reason, principal);
  }

  /** Every drone of fleet-api's registry judged for this order (for the manual-assign picker). */
  @Get('orders/:id/candidates')
  @Roles('OPS', 'ADMIN')
  async candidates(@Param('id', ParseUUIDPipe) id: string): Promise<DroneEligibilityListDto> {
    return { items: await this.dispatch.candidates(id) };
  }

  /** A drone's delivery jobs overlapping a time window (analytics links flights to orders with it). */
  @Get('dispatch/jobs')
  @Roles('OPS', 'ADMIN')
  async jobWindows(@Query('drone_id') droneId: string, @Query('from') from: string, @Query('to') to: string): Promise<DeliveryJobWindowListDto> {
    if (!droneId || !DRONE_ID.test(droneId)) throw new ProblemError(400, `drone_id must match ${TELEMETRY_V1.droneIdPattern}`);
    const [f, t] = [new Date(from), new Date(to)];
    if (!from || !to || Number.isNaN(f.getTime()) || Number.isNaN(t.getTime()) || f > t) throw new ProblemError(400, 'from and to must be RFC 3339 times, from not after to');
    const jobs = await this.jobs.windows(droneId, f, t);
    return {
      items: jobs.map((j) => ({ job_id: j.id, order_id: j.orderId, drone_id: j.assignedDroneId, status: j.status, attempt: j.attempt, started_at: j.createdAt.toISOString(), ended_at: j.endedAt?.toISOString() ?? null })),
    };
  }
}
