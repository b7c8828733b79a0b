import { BadRequestException, Controller, Get, NotFoundException, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TELEMETRY_V1, type DroneLatestDetail } from '@wingxtra/contracts';
import { ref } from '../openapi/openapi-ref.js';
import { parseLatestFilter } from './latest-filter.js';
import { TelemetryStreamService } from './telemetry-stream.service.js';
import { TelemetryService } from './telemetry.service.js';

const DRONE_ID = new RegExp(TELEMETRY_V1.droneIdPattern);

@ApiTags('telemetry')
/** The read side of telemetry. POST /api/v1/telemetry is served by TelemetryIngestRoute (the hot path). */
@Controller('api/v1/telemetry')
export class TelemetryController {
  constructor(
    private readonly telemetry: TelemetryService,
    private readonly stream: TelemetryStreamService,
  ) {}

  @Get('latest')
  @ApiOperation({ summary: 'Latest state of every drone (fleet-api spec §6), each flagged online' })
  @ApiQuery({ name: 'bbox', required: false, description: 'minLon,minLat,maxLon,maxLat' })
  @ApiQuery({ name: 'since', required: false, description: 'Only drones seen at or after this RFC 3339 time' })
  @ApiResponse({ status: 200, schema: ref('LatestTelemetryResponseDto') })
  async latest(@Query() query: { bbox?: string; since?: string }, @Res({ passthrough: true }) reply: FastifyReply) {
    const json = await this.telemetry.latestJson(parseLatestFilter(query));
    reply.header('content-type', 'application/json; charset=utf-8');
    return json;
  }

  @Get('stream')
  @ApiOperation({ summary: 'Server-Sent Events: a "drone" event (DroneLatest) per change, every drone first' })
  @ApiProduces('text/event-stream')
  async streamChanges(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const disconnect = this.stream.connect({ write: (chunk) => raw.write(chunk) });
    req.raw.on('close', disconnect);
  }

  @Get(':drone_id/latest')
  @ApiOperation({ summary: "One drone's latest state and source address" })
  @ApiResponse({ status: 200, schema: ref('DroneLatestDetailDto') })
  @ApiResponse({ status: 404, description: 'Never heard from this drone', schema: ref('ApiErrorDto') })
  async droneLatest(@Param('drone_id') droneId: string): Promise<DroneLatestDetail> {
    if (!DRONE_ID.test(droneId)) throw new BadRequestException('drone_id must be 3 to 64 characters of A-Z, 0-9, - or _');
    const latest = await this.telemetry.droneLatest(droneId);
    if (latest === null) throw new NotFoundException(`No telemetry has been received from drone ${droneId}`);
    return latest;
  }
}
