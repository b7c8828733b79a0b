import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { AirspaceKitListDto, AirspaceTrackListDto } from '@wingxtra/contracts';
import { Roles } from '@wingxtra/service-kit';
import { AirspaceService } from './airspace.service.js';
import { parseTracksQuery } from './tracks-query.js';

@ApiTags('airspace')
@ApiBearerAuth()
@Controller('api/v1/airspace')
export class AirspaceController {
  constructor(private readonly airspace: AirspaceService) {}

  /** The latest position of every aircraft and drone the kits detected in the box since the time. */
  @Get('tracks')
  @Roles('OPS', 'ADMIN')
  @ApiQuery({ name: 'bbox', required: false, description: 'minLon,minLat,maxLon,maxLat (minLon > maxLon crosses the antimeridian)' })
  @ApiQuery({ name: 'since', required: false, description: 'RFC 3339, within the last 24 h; default: 5 minutes ago' })
  @ApiQuery({ name: 'limit', required: false, description: '1..5000, default 1000 (newest first)' })
  tracks(@Query() q: { bbox?: string; since?: string; limit?: string }): Promise<AirspaceTrackListDto> {
    return this.airspace.tracks(parseTracksQuery(q));
  }

  /** Every configured detection kit with its health and poll statistics. */
  @Get('kits')
  @Roles('OPS', 'ADMIN')
  kits(): Promise<AirspaceKitListDto> {
    return this.airspace.kits();
  }
}
