import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import '../index.js';

/**
 * OpenAPI component schemas of every contract DTO, keyed by class name. Nested sections refer to their own DTO
 * (PositionV1Dto, PowerV2Dto, ...) because class-transformer's @Type metadata is read too.
 */
export function openApiComponentSchemas(): Record<string, unknown> {
  return validationMetadatasToSchemas({ refPointerPrefix: '#/components/schemas/', classTransformerMetadataStorage: defaultMetadataStorage }) as Record<string, unknown>;
}
