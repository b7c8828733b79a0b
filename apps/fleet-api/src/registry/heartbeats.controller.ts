import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, UseGuards, UsePipes, type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { HeartbeatDto, HeartbeatListQueryDto, type HeartbeatAckDto, type HeartbeatListDto } from '@wingxtra/contracts';
import { createValidationPipe, Roles } from '@wingxtra/service-kit';
import { StaffAuthGuard } from '../auth/staff-auth.guard.js';
import { IngestKeyCheck, type IngestScope } from '../common/api-key.guard.js';
import { ref } from '../openapi/openapi-ref.js';
import { DroneIdPipe } from './drone-id.pipe.js';
import { HeartbeatsService } from './heartbeats.service.js';

/** A drone's own key (or the global key while allowed), as for ingest; the scope is checked by the service. */
@Injectable()
export class DroneKeyGuard implements CanActivate {
  constructor(private readonly keys: IngestKeyCheck) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest & { droneScope?: IngestScope }>();
    request.droneScope = this.keys.authorize(request.headers['x-api-key'], Date.now());
    return true;
  }
}

@ApiTags('registry')
@Controller('api/v1/drones')
export class HeartbeatsController {
  constructor(private readonly heartbeats: HeartbeatsService) {}

  @Post(':drone_id/heartbeat')
  @HttpCode(202)
  @UseGuards(DroneKeyGuard)
  @UsePipes(createValidationPipe())
  @ApiHeader({ name: 'X-API-Key', required: true, description: "The drone's own key (or the global API_KEY while ALLOW_GLOBAL_INGEST_KEY)" })
  @ApiOperation({ summary: "The companion computer's health: stored as history, folded into the drone's status" })
  @ApiResponse({ status: 202, schema: ref('HeartbeatAckDto') })
  @ApiResponse({ status: 403, description: "Another drone's key", schema: ref('ApiErrorDto') })
  @ApiResponse({ status: 404, description: 'Drone not registered', schema: ref('ApiErrorDto') })
  receive(@Param('drone_id', DroneIdPipe) droneId: string, @Body() hb: HeartbeatDto, @Req() req: FastifyRequest & { droneScope?: IngestScope }): Promise<HeartbeatAckDto> {
    return this.heartbeats.receive(droneId, hb, req.droneScope ?? null);
  }

  @Get(':drone_id/heartbeats')
  @UseGuards(StaffAuthGuard)
  @Roles('OPS', 'ADMIN')
  @UsePipes(createValidationPipe())
  @ApiHeader({ name: 'Authorization', required: false, description: 'Bearer <JWT> of delivery-service (OPS or ADMIN); or X-API-Key: ADMIN_API_KEY' })
  @ApiOperation({ summary: "The drone's stored heartbeats, newest first (kept HEARTBEAT_RETENTION_DAYS)" })
  @ApiResponse({ status: 200, schema: ref('HeartbeatListDto') })
  @ApiResponse({ status: 404, description: 'Drone not registered', schema: ref('ApiErrorDto') })
  list(@Param('drone_id', DroneIdPipe) droneId: string, @Query() q: HeartbeatListQueryDto): Promise<HeartbeatListDto> {
    return this.heartbeats.list(droneId, q);
  }
}
