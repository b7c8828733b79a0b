import { Controller, DefaultValuePipe, Get, HttpCode, Param, ParseIntPipe, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { LeaderboardQueryDto, TELEMETRY_V1, type DroneHistoryDto, type FlightDetailDto, type FlightListDto, type FlightTrackGeoJson, type LeaderboardDto } from '@wingxtra/contracts';
import { Roles } from '@wingxtra/service-kit';
import { FlightsService } from './flights.service.js';
import { HttpError } from './http-error.js';

const DRONE_ID = new RegExp(TELEMETRY_V1.droneIdPattern);
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function droneId(id: string): string {
  if (!DRONE_ID.test(id)) throw new HttpError(400, `drone id must match ${TELEMETRY_V1.droneIdPattern}`);
  return id;
}

function bounded(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw new HttpError(400, `${name} must be an integer from ${min} to ${max}`);
  return value;
}

@ApiTags('flights')
@ApiBearerAuth()
@Controller('api/v1')
export class FlightsController {
  constructor(private readonly flights: FlightsService) {}

  /** A drone's flights, newest first; pass next_before as `before` for the next page. */
  @Get('drones/:id/flights')
  @Roles('OPS', 'ADMIN')
  list(@Param('id') id: string, @Query('before') before: string | undefined, @Query('limit', new DefaultValuePipe(50), ParseIntPipe) limit: number): Promise<FlightListDto> {
    if (before !== undefined && !ISO.test(before)) throw new HttpError(400, 'before must be an RFC 3339 time (a next_before value)');
    return this.flights.list(droneId(id), before, bounded('limit', limit, 1, 200));
  }

  /** Metadata and every metric; `points=N` adds up to N downsampled samples for charts. */
  @Get('flights/:id')
  @Roles('OPS', 'ADMIN')
  detail(@Param('id', ParseUUIDPipe) id: string, @Query('points', new DefaultValuePipe(0), ParseIntPipe) points: number): Promise<FlightDetailDto> {
    return this.flights.detail(id, bounded('points', points, 0, 20_000));
  }

  /** The flight's path as a GeoJSON LineString ([lon, lat, alt]). */
  @Get('flights/:id/track')
  @Roles('OPS', 'ADMIN')
  track(@Param('id', ParseUUIDPipe) id: string, @Query('points', new DefaultValuePipe(2000), ParseIntPipe) points: number): Promise<FlightTrackGeoJson> {
    return this.flights.track(id, bounded('points', points, 2, 20_000));
  }

  /** Queues the metrics again (202): for a new metrics version or repaired telemetry. */
  @Post('flights/:id/recompute')
  @HttpCode(202)
  @Roles('OPS', 'ADMIN')
  recompute(@Param('id', ParseUUIDPipe) id: string): Promise<{ flight_id: string; queued: boolean }> {
    return this.flights.requestRecompute(id);
  }

  /** Drones ranked by the average of a metric over their flights (energy metrics: lowest first). */
  @Get('analytics/leaderboard')
  @Roles('OPS', 'ADMIN')
  leaderboard(@Query() q: LeaderboardQueryDto): Promise<LeaderboardDto> {
    return this.flights.leaderboard(q.metric ?? 'wh_per_km', q.order, q.since, q.limit ?? 50);
  }

  /** A drone's track between two times, downsampled for playback. */
  @Get('drones/:id/history')
  @Roles('OPS', 'ADMIN')
  history(@Param('id') id: string, @Query('from') from: string, @Query('to') to: string, @Query('points', new DefaultValuePipe(2000), ParseIntPipe) points: number): Promise<DroneHistoryDto> {
    if (!from || !to || !ISO.test(from) || !ISO.test(to)) throw new HttpError(400, 'from and to are required RFC 3339 times');
    return this.flights.history(droneId(id), from, to, bounded('points', points, 2, 20_000));
  }
}
