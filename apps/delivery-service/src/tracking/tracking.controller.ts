import { Controller, Get, Header, Param } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiTags } from '@nestjs/swagger';
import type { TrackingViewDto } from '@wingxtra/contracts';
import { Public } from '@wingxtra/service-kit';
import { TrackingService } from './tracking.service.js';

/** Set from TRACKING_RATE_LIMIT_PER_MIN at start-up (see app.ts); read by @fastify/rate-limit per route. */
export const TRACKING_RATE_LIMIT = { max: 60, timeWindow: 60_000 };

@ApiTags('tracking')
@Controller('api/v1/tracking')
export class TrackingController {
  constructor(private readonly tracking: TrackingService) {}

  /** Public, no login; rate limited per client address. */
  @Get(':public_tracking_id')
  @Public()
  @Header('cache-control', 'no-store')
  @RouteConfig({ rateLimit: TRACKING_RATE_LIMIT })
  view(@Param('public_tracking_id') id: string): Promise<TrackingViewDto> {
    return this.tracking.view(id);
  }
}
