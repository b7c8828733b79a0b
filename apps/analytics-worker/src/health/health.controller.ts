import { Controller, Get, Inject, Module, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Redis } from 'ioredis';
import type { HealthDto } from '@wingxtra/contracts';
import { Public, withinMs } from '@wingxtra/service-kit';
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
    const problems: string[] = [];
    await withinMs(this.prisma.pool.query('SELECT 1'), 2000).catch((err: Error) => problems.push(`postgres: ${err.message}`));
    await withinMs(this.redis.ping(), 2000).catch((err: Error) => problems.push(`redis: ${err.message}`));
    if (problems.length === 0) return { status: 'ok' };
    reply.status(503);
    return { status: 'unavailable', reason: problems.join('; ') };
  }
}

@Module({ controllers: [HealthController] })
export class HealthModule {}
