import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiExceptionFilter, createJsonLogger, createValidationPipe, setupOpenApi, trustProxyOption } from '@wingxtra/service-kit';
import { AppModule } from './app.module.js';
import type { AnalyticsConfig } from './config/analytics-config.js';

/** Builds analytics-worker (used by main.ts, the integration tests and the benchmark). */
export async function createAnalyticsApp(config: AnalyticsConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ trustProxy: trustProxyOption(config.TRUST_PROXY) });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, { logger: createJsonLogger(config.LOG_LEVEL) });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());
  if (config.ALLOWED_ORIGINS.length > 0) app.enableCors({ origin: config.ALLOWED_ORIGINS.includes('*') ? true : config.ALLOWED_ORIGINS });
  app.enableShutdownHooks();
  setupOpenApi(app, { title: 'Wingxtra analytics-worker', description: 'Telemetry history, flights and their metrics, leaderboards and playback', auth: 'bearer' });
  return app;
}
