import type { INestApplication } from '@nestjs/common';
import { setupOpenApi as serveOpenApi } from '@wingxtra/service-kit';
import { INGEST_OPENAPI_OPERATION } from '../telemetry/telemetry-ingest.route.js';
import { INGEST_ROUTE } from '../telemetry/telemetry.routes.js';

/** /docs for fleet-api; the ingest route is a plain Fastify route, so its operation is added by hand. */
export function setupOpenApi(app: INestApplication): void {
  serveOpenApi(app, {
    title: 'Wingxtra fleet-api',
    description: 'Telemetry ingest, latest state per drone, change stream and partner fan-out',
    auth: 'api-key',
    amend: (document) => {
      document.paths[INGEST_ROUTE] = { ...document.paths[INGEST_ROUTE], post: INGEST_OPENAPI_OPERATION } as (typeof document.paths)[string];
    },
  });
}
