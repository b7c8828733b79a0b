import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import '@wingxtra/contracts';

/** A reference to a contracts DTO in the OpenAPI document's components. */
export const ref = (dtoName: string) => ({ $ref: `#/components/schemas/${dtoName}` });

/**
 * Serves the OpenAPI UI at /docs. Component schemas are generated from the contracts' class-validator
 * DTOs, so the document cannot drift from the shapes the code validates.
 */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Wingxtra fleet-api')
    .setDescription('Telemetry ingest, latest state per drone, change stream and partner fan-out')
    .setVersion('1')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'api-key')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  const schemas = validationMetadatasToSchemas({ refPointerPrefix: '#/components/schemas/' });
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...(schemas as object) } };
  SwaggerModule.setup('docs', app, document);
}
