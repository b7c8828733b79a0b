import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, UseGuards, UsePipes } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CreateGeofenceDto, GeofenceListQueryDto, UpdateGeofenceDto, type GeofenceDto, type GeofenceListDto } from '@wingxtra/contracts';
import { createValidationPipe, Roles } from '@wingxtra/service-kit';
import { StaffAuthGuard } from '../auth/staff-auth.guard.js';
import { ref } from '../openapi/openapi-ref.js';
import { GeofencesService } from './geofences.service.js';

@ApiTags('geofences')
@ApiResponse({ status: 401, schema: ref('ApiErrorDto') })
@ApiResponse({ status: 403, schema: ref('ApiErrorDto') })
@UseGuards(StaffAuthGuard)
@UsePipes(createValidationPipe())
@Controller('api/v1/geofences')
export class GeofencesController {
  constructor(private readonly geofences: GeofencesService) {}

  @Get()
  @Roles('OPS', 'ADMIN')
  @ApiOperation({ summary: 'Active service areas and no-fly zones (what other services check positions against, with the contracts\' checkPosition)' })
  @ApiResponse({ status: 200, schema: ref('GeofenceListDto') })
  list(@Query() q: GeofenceListQueryDto): Promise<GeofenceListDto> {
    return this.geofences.list(q);
  }

  @Get(':id')
  @Roles('OPS', 'ADMIN')
  @ApiResponse({ status: 200, schema: ref('GeofenceDto') })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<GeofenceDto> {
    return this.geofences.get(id);
  }

  @Post()
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Add a service area or a no-fly zone: a GeoJSON Polygon with an optional altitude band' })
  @ApiResponse({ status: 201, schema: ref('GeofenceDto') })
  @ApiResponse({ status: 409, description: 'The name is taken', schema: ref('ApiErrorDto') })
  create(@Body() dto: CreateGeofenceDto): Promise<GeofenceDto> {
    return this.geofences.create(dto);
  }

  @Patch(':id')
  @Roles('ADMIN')
  @ApiResponse({ status: 200, schema: ref('GeofenceDto') })
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateGeofenceDto): Promise<GeofenceDto> {
    return this.geofences.update(id, dto);
  }

  @Delete(':id')
  @Roles('ADMIN')
  @HttpCode(204)
  remove(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.geofences.remove(id);
  }
}
