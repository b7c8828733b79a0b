import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import '@wingxtra/contracts';

/** Serves the OpenAPI UI at /docs; component schemas come from the contracts' DTO classes. */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Wingxtra analytics-worker')
    .setDescription('Telemetry history, flights and their metrics, leaderboards and playback')
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  const schemas = validationMetadatasToSchemas({ refPointerPrefix: '#/components/schemas/' });
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...(schemas as object) } };
  SwaggerModule.setup('docs', app, document);
}
