import { Injectable } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

import { INGEST_ROUTE } from '../telemetry/telemetry.routes.js';

/** Prometheus metrics of this process (one registry per app, so tests can boot several). */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly ingestPackets = new Counter({
    name: 'fleet_ingest_packets_total',
    help: 'Telemetry packets by outcome: stored, out_of_order, duplicate, invalid, rate_limited, forbidden',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly ingestRequests = new Counter({
    name: 'fleet_ingest_requests_total',
    help: 'POST /api/v1/telemetry requests by HTTP status',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });

  readonly ingestDuration = new Histogram({
    name: 'fleet_ingest_duration_seconds',
    help: 'Time to answer POST /api/v1/telemetry, from request received (body parsing included) to reply',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });

  readonly sseClients = new Gauge({
    name: 'fleet_stream_clients',
    help: 'Open GET /api/v1/telemetry/stream connections on this replica',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Counts every POST /api/v1/telemetry answer, including those refused before the route ran (401, 413, 415). */
  observeIngestRequests(fastify: FastifyInstance): void {
    fastify.addHook('onResponse', (request, reply, done) => {
      if (request.method === 'POST' && request.routeOptions.url === INGEST_ROUTE) {
        this.ingestRequests.inc({ status: reply.statusCode });
        this.ingestDuration.observe(reply.elapsedTime / 1000);
      }
      done();
    });
  }

  /** A gauge whose value is read (from Redis, say) when Prometheus scrapes. */
  gauge<L extends string>(name: string, help: string, labelNames: L[], collect: (g: Gauge<L>) => Promise<void>): Gauge<L> {
    return new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        await collect(this);
      },
    });
  }
}
