import { Controller, Get, Header, Injectable, Module } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { Public } from '@wingxtra/service-kit';
import { PrismaService } from '../database/prisma.service.js';

/** Prometheus metrics of this process: HTTP latency by route and status, and orders by status (read at scrape). */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly http = new Histogram({
    name: 'delivery_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  constructor(prisma: PrismaService) {
    collectDefaultMetrics({ register: this.registry });
    new Gauge({
      name: 'delivery_orders',
      help: 'Orders by status',
      labelNames: ['status'],
      registers: [this.registry],
      async collect() {
        const rows = await prisma.order.groupBy({ by: ['status'], _count: { _all: true } }).catch(() => []);
        this.reset();
        for (const r of rows) this.set({ status: r.status }, r._count._all);
      },
    });
  }

  observe(fastify: FastifyInstance): void {
    fastify.addHook('onResponse', async (req, reply) => {
      this.http.observe({ method: req.method, route: req.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    });
  }
}

@ApiExcludeController()
@Controller()
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get('metrics')
  @Public()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}

@Module({ providers: [MetricsService], controllers: [MetricsController], exports: [MetricsService] })
export class MetricsModule {}
