import 'reflect-metadata';
import { createJsonLogger, trustProxyOption } from '@wingxtra/service-kit';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module.js';
import { ApiExceptionFilter } from './common/api-exception.filter.js';
import { registerDashboard } from './dashboard/dashboard.js';
import type { FleetConfig } from './config/fleet-config.js';
import { MetricsService } from './metrics/metrics.service.js';
import { setupOpenApi } from './openapi/openapi.js';

/** Builds the fleet-api application (used by main.ts, the integration tests and the benchmark). */
export async function createFleetApp(config: FleetConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: config.BODY_LIMIT_BYTES, trustProxy: trustProxyOption(config.TRUST_PROXY) });
  // Only JSON is telemetry: without this Fastify would accept text/plain bodies as strings.
  adapter.getInstance().removeContentTypeParser('text/plain');
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: createJsonLogger(config.LOG_LEVEL),
  });
  app.useGlobalFilters(new ApiExceptionFilter());
  app.get(MetricsService).observeIngestRequests(adapter.getInstance());
  if (config.ALLOWED_ORIGINS.length > 0) {
    app.enableCors({ origin: config.ALLOWED_ORIGINS.includes('*') ? true : config.ALLOWED_ORIGINS });
  }
  app.enableShutdownHooks();
  setupOpenApi(app);
  await registerDashboard(adapter.getInstance());
  return app;
}
