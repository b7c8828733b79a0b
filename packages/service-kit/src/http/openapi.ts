import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { openApiComponentSchemas } from '@wingxtra/contracts/node';

export interface OpenApiOptions {
  title: string;
  description: string;
  /** How callers authenticate: delivery-service's bearer tokens or fleet-api's X-API-Key. */
  auth: 'bearer' | 'api-key';
  /** Changes to the generated document (operations of plain Fastify routes, for instance). */
  amend?: (document: OpenAPIObject) => void;
}

/**
 * Serves the OpenAPI UI at /docs. Component schemas are generated from the contracts' class-validator DTOs,
 * so the document cannot drift from the shapes the code validates.
 */
export function setupOpenApi(app: INestApplication, options: OpenApiOptions): void {
  const builder = new DocumentBuilder().setTitle(options.title).setDescription(options.description).setVersion('1');
  if (options.auth === 'bearer') builder.addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  else builder.addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'api-key');
  const document = SwaggerModule.createDocument(app, builder.build());
  options.amend?.(document);
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...(openApiComponentSchemas() as object) } };
  SwaggerModule.setup('docs', app, document);
}
