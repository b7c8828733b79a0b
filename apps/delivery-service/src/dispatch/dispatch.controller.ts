import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  AssignOrderDto,
  DispatchRunRequestDto,
  TELEMETRY_V1,
  UpsertDroneCapabilityDto,
  type DispatchRunResultDto,
  type DeliveryJobWindowListDto,
  type DroneCapabilityDto,
  type DroneCapabilityListDto,
  type DroneEligibilityListDto,
  type OrderDto,
} from '@wingxtra/contracts';
import { CurrentPrincipal, Roles } from '@wingxtra/service-kit';
import { actorOf, type Principal } from '@wingxtra/service-kit';
import { ProblemError } from '../common/problem.error.js';
import type { Drone } from '../generated/prisma/client.js';
import { DispatchService } from './dispatch.service.js';
import { DronesRepository } from './drones.repository.js';
import { JobsRepository } from './jobs.repository.js';

const DRONE_ID = new RegExp(TELEMETRY_V1.droneIdPattern);

const toCapabilityDto = (d: Drone): DroneCapabilityDto => ({
  drone_id: d.droneId,
  max_payload_kg: d.maxPayloadKg,
  home_lat: d.homeLat,
  home_lng: d.homeLng,
  active: d.active,
  maintenance: d.maintenance,
  updated_at: d.updatedAt.toISOString(),
});

@ApiTags('dispatch')
@ApiBearerAuth()
@Controller('api/v1')
export class DispatchController {
  constructor(
    private readonly dispatch: DispatchService,
    private readonly drones: DronesRepository,
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

  /** Every registered drone judged for this order (for the manual-assign picker). */
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

  @Get('dispatch/drones')
  @Roles('OPS', 'ADMIN')
  async listDrones(): Promise<DroneCapabilityListDto> {
    return { items: (await this.drones.list()).map(toCapabilityDto) };
  }

  /** Registers or updates what dispatch knows about a drone (capacity, home, active, maintenance). */
  @Put('dispatch/drones/:drone_id')
  @Roles('OPS', 'ADMIN')
  async putDrone(@Param('drone_id') droneId: string, @Body() dto: UpsertDroneCapabilityDto): Promise<DroneCapabilityDto> {
    if (!DRONE_ID.test(droneId)) throw new ProblemError(400, `drone_id must match ${TELEMETRY_V1.droneIdPattern}`);
    if ((dto.home_lat == null) !== (dto.home_lng == null)) throw new ProblemError(400, 'home_lat and home_lng go together');
    return toCapabilityDto(
      await this.drones.upsert(droneId, {
        maxPayloadKg: dto.max_payload_kg,
        ...(dto.home_lat !== undefined ? { homeLat: dto.home_lat, homeLng: dto.home_lng } : {}),
        ...(dto.active !== undefined ? { active: dto.active } : {}),
        ...(dto.maintenance !== undefined ? { maintenance: dto.maintenance } : {}),
      }),
    );
  }
}
