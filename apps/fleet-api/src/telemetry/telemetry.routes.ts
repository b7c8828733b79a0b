/** Path of the ingest route, shared by the route itself, the OpenAPI document and the request metrics. */
export const INGEST_ROUTE = '/api/v1/telemetry';
