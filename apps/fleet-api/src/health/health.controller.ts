import { Controller, Get, Inject, Optional, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Redis } from 'ioredis';
import type { HealthDto } from '@wingxtra/contracts';
import { FleetConfig } from '../config/fleet-config.js';
import { DroneKeyCache } from '../registry/drone-key.cache.js';
import { REDIS } from '../redis/redis.module.js';
import { ref } from '../openapi/openapi-ref.js';

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: FleetConfig,
    @Optional() private readonly droneKeys?: DroneKeyCache,
  ) {}

  @Get('healthz')
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @ApiResponse({ status: 200, schema: ref('HealthDto') })
  healthz(): HealthDto {
    return { status: 'ok' };
  }

  /**
   * Ingest needs Redis, and PostgreSQL only in one case: with ALLOW_GLOBAL_INGEST_KEY=false no drone can send
   * until the drone keys have been read once since start-up. After that a PostgreSQL outage leaves the
   * replica ready (ingest keeps working from the keys held in memory; registry endpoints answer 503).
   */
  @Get('readyz')
  @ApiOperation({ summary: 'Readiness: 503 while Redis is unreachable, or while no drone key could be read yet and only drone keys are taken' })
  @ApiResponse({ status: 200, schema: ref('HealthDto') })
  @ApiResponse({ status: 503, schema: ref('HealthDto') })
  async readyz(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthDto> {
    try {
      await this.redis.ping();
    } catch (err) {
      reply.status(503);
      return { status: 'unavailable', reason: `redis: ${(err as Error).message}` };
    }
    if (this.droneKeys && !this.droneKeys.loaded && !this.config.ALLOW_GLOBAL_INGEST_KEY) {
      reply.status(503);
      return { status: 'unavailable', reason: 'postgres: drone keys not loaded yet (only drone keys are taken: ALLOW_GLOBAL_INGEST_KEY=false)' };
    }
    return { status: 'ok' };
  }
}
