export * from './telemetry/telemetry-v1.rules.js';
export * from './telemetry/telemetry-v1.dto.js';
export * from './telemetry/telemetry-v1.schema.js';
export * from './telemetry/telemetry-responses.js';
export * from './telemetry/telemetry-history.job.js';
export * from './telemetry/fleet-api.client.js';
export * from './fanout/fanout.dto.js';
export * from './http/http-json.client.js';
