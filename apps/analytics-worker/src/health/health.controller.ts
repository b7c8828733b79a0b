import { Controller, Get, Inject, Module, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Redis } from 'ioredis';
import type { HealthDto } from '@wingxtra/contracts';
import { checkReadiness, Public } from '@wingxtra/service-kit';
import { PrismaService } from '../database/prisma.service.js';
import { REDIS } from '../redis.module.js';

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  /** Liveness: the process answers. */
  @Get(['health', 'healthz'])
  @Public()
  health(): HealthDto {
    return { status: 'ok' };
  }

  /** Readiness: PostgreSQL and Redis both answer (503 naming the one that does not). */
  @Get('readyz')
  @Public()
  async readyz(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthDto> {
    const health = await checkReadiness({ postgres: () => this.prisma.pool.query('SELECT 1'), redis: () => this.redis.ping() });
    if (health.status !== 'ok') reply.status(503);
    return health;
  }
}

@Module({ controllers: [HealthController] })
export class HealthModule {}
