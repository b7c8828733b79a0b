import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiExceptionFilter, createJsonLogger } from '@wingxtra/service-kit';
import { AppModule } from './app.module.js';
import type { SimulatorConfig } from './config/simulator-config.js';

/** Builds the simulator (main.ts, the integration tests and the soak benchmark). Call listen() after. */
export async function createSimulatorApp(config: SimulatorConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: 256 * 1024 });
  adapter.getInstance().removeContentTypeParser('text/plain');
  // rawBody: the intent's signature covers the exact bytes delivery-service sent.
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, { logger: createJsonLogger(config.LOG_LEVEL), rawBody: true });
  app.useGlobalFilters(new ApiExceptionFilter());
  app.enableShutdownHooks();
  return app;
}
