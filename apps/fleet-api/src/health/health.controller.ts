import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Redis } from 'ioredis';
import type { HealthDto } from '@wingxtra/contracts';
import { REDIS } from '../redis/redis.module.js';
import { ref } from '../openapi/openapi-ref.js';

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  @Get('healthz')
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @ApiResponse({ status: 200, schema: ref('HealthDto') })
  healthz(): HealthDto {
    return { status: 'ok' };
  }

  @Get('readyz')
  @ApiOperation({ summary: 'Readiness: 503 while Redis is unreachable' })
  @ApiResponse({ status: 200, schema: ref('HealthDto') })
  @ApiResponse({ status: 503, schema: ref('HealthDto') })
  async readyz(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthDto> {
    try {
      await this.redis.ping();
      return { status: 'ok' };
    } catch (err) {
      reply.status(503);
      return { status: 'unavailable', reason: `redis: ${(err as Error).message}` };
    }
  }
}
