import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
// The storage class-transformer's @Type decorators write to (the CommonJS build is the one Node loads): with
// it, a nested section is a reference to its own DTO (PositionV1Dto, PowerV2Dto, ...) rather than to `Object`.
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import '@wingxtra/contracts';
import { INGEST_OPENAPI_OPERATION } from '../telemetry/telemetry-ingest.route.js';
import { INGEST_ROUTE } from '../telemetry/telemetry.routes.js';

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
  document.paths[INGEST_ROUTE] = { ...document.paths[INGEST_ROUTE], post: INGEST_OPENAPI_OPERATION } as (typeof document.paths)[string];
  const schemas = validationMetadatasToSchemas({
    refPointerPrefix: '#/components/schemas/',
    classTransformerMetadataStorage: defaultMetadataStorage,
  });
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...(schemas as object) } };
  SwaggerModule.setup('docs', app, document);
}
