import 'reflect-metadata';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import { ApiExceptionFilter, createJsonLogger, createValidationPipe, setupOpenApi, trustProxyOption } from '@wingxtra/service-kit';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Redis } from 'ioredis';
import { AppModule } from './app.module.js';
import { describeDeliveryError } from './common/api-exception.filter.js';
import type { DeliveryConfig } from './config/delivery-config.js';
import { MetricsService } from './metrics/metrics.module.js';
import { REDIS } from './redis/redis.module.js';
import { TRACKING_RATE_LIMIT } from './tracking/tracking.controller.js';

/** Builds delivery-service (used by main.ts, the integration tests and the benchmark). Call init()/listen() after. */
export async function createDeliveryApp(config: DeliveryConfig): Promise<NestFastifyApplication> {
  TRACKING_RATE_LIMIT.max = config.TRACKING_RATE_LIMIT_PER_MIN;
  const adapter = new FastifyAdapter({ trustProxy: trustProxyOption(config.TRUST_PROXY), bodyLimit: 1024 * 1024 });
  adapter.getInstance().removeContentTypeParser('text/plain');
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: createJsonLogger(config.LOG_LEVEL),
    rawBody: true,
  });
  await app.register(multipart, { limits: { fileSize: config.POD_MAX_FILE_BYTES, files: 1, fields: 10, fieldSize: 4096 } });
  // Per-client limits counted in Redis (shared by replicas); while Redis is away requests pass rather than fail.
  await app.register(rateLimit, { global: false, redis: app.get<Redis>(REDIS), skipOnError: true, nameSpace: `${config.QUEUE_PREFIX}:ratelimit:` });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter(describeDeliveryError));
  app.get(MetricsService).observe(adapter.getInstance());
  if (config.ALLOWED_ORIGINS.length > 0) {
    app.enableCors({ origin: config.ALLOWED_ORIGINS.includes('*') ? true : config.ALLOWED_ORIGINS });
  }
  app.enableShutdownHooks();
  setupOpenApi(app, { title: 'Wingxtra delivery-service', description: 'Orders, dispatch, the delivery state machine, mission intents, proof of delivery and public tracking', auth: 'bearer' });
  return app;
}
