import { Controller, Get, Global, Header, Injectable, Module } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { collectDefaultMetrics, Counter, Registry } from 'prom-client';
import { Public } from '@wingxtra/service-kit';

/** Prometheus metrics of this process. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly historyPackets = new Counter({ name: 'analytics_history_packets_total', help: 'Handed-off packets, by outcome (stored, duplicate, unreadable)', labelNames: ['outcome'], registers: [this.registry] });
  readonly flightsClosed = new Counter({ name: 'analytics_flights_closed_total', help: 'Flights the sessionizer closed', registers: [this.registry] });
  readonly metricsComputed = new Counter({ name: 'analytics_flight_metrics_computed_total', help: 'Flight metrics computed', registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
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

@Global()
@Module({ providers: [MetricsService], controllers: [MetricsController], exports: [MetricsService] })
export class MetricsModule {}
