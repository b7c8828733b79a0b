import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, UseGuards, UsePipes } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  DroneEventListQueryDto,
  DroneListQueryDto,
  RegisterDroneDto,
  RotateDroneKeyDto,
  TELEMETRY_V1,
  UpdateDroneDto,
  type DroneDto,
  type DroneEventListDto,
  type DroneKeyDto,
  type DroneKeyListDto,
  type DroneListDto,
  type RegisteredDroneDto,
  type RotatedDroneKeyDto,
} from '@wingxtra/contracts';
import { createValidationPipe, CurrentPrincipal, Roles, type Principal } from '@wingxtra/service-kit';
import { StaffAuthGuard } from '../auth/staff-auth.guard.js';
import { ref } from '../openapi/openapi-ref.js';
import { DroneIdPipe } from './drone-id.pipe.js';
import { DronesService } from './drones.service.js';

@ApiTags('registry')
@ApiHeader({ name: 'Authorization', required: false, description: 'Bearer <JWT> of delivery-service (ADMIN for changes, OPS or ADMIN for reads); or X-API-Key: ADMIN_API_KEY' })
@ApiResponse({ status: 401, description: 'No or bad credentials', schema: ref('ApiErrorDto') })
@ApiResponse({ status: 403, description: 'Role not allowed', schema: ref('ApiErrorDto') })
@UseGuards(StaffAuthGuard)
@UsePipes(createValidationPipe())
@Controller('api/v1/drones')
export class DronesController {
  constructor(private readonly drones: DronesService) {}

  @Post()
  @Roles('ADMIN')
  @ApiOperation({ summary: `Register a drone (drone_id ${TELEMETRY_V1.droneIdPattern}); answers its API key, shown this once` })
  @ApiResponse({ status: 201, schema: ref('RegisteredDroneDto') })
  @ApiResponse({ status: 409, description: 'drone_id is registered already', schema: ref('ApiErrorDto') })
  register(@Body() dto: RegisterDroneDto, @CurrentPrincipal() actor: Principal): Promise<RegisteredDroneDto> {
    return this.drones.register(dto, actor);
  }

  @Get()
  @Roles('OPS', 'ADMIN')
  @ApiOperation({ summary: 'Registered drones by drone_id; filter by status, type, text (q); paginated' })
  @ApiResponse({ status: 200, schema: ref('DroneListDto') })
  list(@Query() q: DroneListQueryDto): Promise<DroneListDto> {
    return this.drones.list(q);
  }

  @Get(':drone_id')
  @Roles('OPS', 'ADMIN')
  @ApiResponse({ status: 200, schema: ref('DroneDto') })
  @ApiResponse({ status: 404, schema: ref('ApiErrorDto') })
  get(@Param('drone_id', DroneIdPipe) droneId: string): Promise<DroneDto> {
    return this.drones.get(droneId);
  }

  @Patch(':drone_id')
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Change a drone; maintenance: true puts it in maintenance mode (never dispatched)' })
  @ApiResponse({ status: 200, schema: ref('DroneDto') })
  update(@Param('drone_id', DroneIdPipe) droneId: string, @Body() dto: UpdateDroneDto, @CurrentPrincipal() actor: Principal): Promise<DroneDto> {
    return this.drones.update(droneId, dto, actor);
  }

  @Delete(':drone_id')
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Deactivate a drone: its keys are revoked at once; it stays on record' })
  @ApiResponse({ status: 200, schema: ref('DroneDto') })
  deactivate(@Param('drone_id', DroneIdPipe) droneId: string, @CurrentPrincipal() actor: Principal): Promise<DroneDto> {
    return this.drones.deactivate(droneId, actor);
  }

  @Get(':drone_id/keys')
  @Roles('ADMIN')
  @ApiResponse({ status: 200, schema: ref('DroneKeyListDto') })
  keys(@Param('drone_id', DroneIdPipe) droneId: string): Promise<DroneKeyListDto> {
    return this.drones.listKeys(droneId);
  }

  @Post(':drone_id/keys/rotate')
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Issue a new key; the current keys keep working for grace_s (default DRONE_KEY_GRACE_S)' })
  @ApiResponse({ status: 201, schema: ref('RotatedDroneKeyDto') })
  rotate(@Param('drone_id', DroneIdPipe) droneId: string, @Body() dto: RotateDroneKeyDto, @CurrentPrincipal() actor: Principal): Promise<RotatedDroneKeyDto> {
    return this.drones.rotateKey(droneId, dto.grace_s, actor);
  }

  @Post(':drone_id/keys/:key_id/revoke')
  @Roles('ADMIN')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke one key: refused at once on every replica' })
  @ApiResponse({ status: 200, schema: ref('DroneKeyDto') })
  revoke(@Param('drone_id', DroneIdPipe) droneId: string, @Param('key_id', new ParseUUIDPipe()) keyId: string, @CurrentPrincipal() actor: Principal): Promise<DroneKeyDto> {
    return this.drones.revokeKey(droneId, keyId, actor);
  }

  @Get(':drone_id/events')
  @Roles('OPS', 'ADMIN')
  @ApiOperation({ summary: "The drone's events, newest first: registration, keys, status changes, heartbeat warnings, errors" })
  @ApiResponse({ status: 200, schema: ref('DroneEventListDto') })
  events(@Param('drone_id', DroneIdPipe) droneId: string, @Query() q: DroneEventListQueryDto): Promise<DroneEventListDto> {
    return this.drones.events(droneId, q);
  }
}
