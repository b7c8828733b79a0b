/**
 * The browser entry, `@wingxtra/contracts/client`: the typed HTTP clients, the constants and the pure geometry,
 * with every DTO as a type only. Nothing here loads class-validator, class-transformer or reflect-metadata at run
 * time (the clients import their DTOs with `import type`), so a web page carries a few kilobytes instead of the
 * validation library. Services keep using the main entry, which has the DTO classes themselves.
 */

// Clients and their error
export * from './http/http-json.client.js';
export * from './telemetry/fleet-api.client.js';
export * from './delivery/delivery-api.client.js';
export * from './analytics/analytics-api.client.js';
export * from './airspace/airspace-api.client.js';
export * from './registry/registry-api.client.js';

// Constants (plain modules, no decorators)
export * from './telemetry/telemetry-v1.rules.js';
export * from './telemetry/telemetry-v2.rules.js';
export * from './telemetry/telemetry-stream.js';
export * from './delivery/delivery.enums.js';
export * from './analytics/flight.enums.js';
export * from './airspace/airspace.enums.js';
export * from './registry/registry.enums.js';

// Geometry and the geofence rule (pure functions)
export * from './geo/geometry.js';
export * from './geo/geofence-check.js';

// Every shape, as a type: the classes cannot be constructed or validated through this entry.
export type * from './telemetry/telemetry-v1.dto.js';
export type * from './telemetry/telemetry-v2.dto.js';
export type * from './telemetry/telemetry-responses.js';
export type * from './telemetry/telemetry-history.job.js';
export type * from './fanout/fanout.dto.js';
export type * from './delivery/order.dto.js';
export type * from './delivery/delivery-event.dto.js';
export type * from './delivery/dispatch.dto.js';
export type * from './delivery/mission-intent.dto.js';
export type * from './delivery/tracking.dto.js';
export type * from './delivery/pod.dto.js';
export type * from './analytics/flight.dto.js';
export type * from './airspace/airspace.dto.js';
export type * from './registry/drone.dto.js';
export type * from './registry/heartbeat.dto.js';
export type * from './registry/drone-event.dto.js';
export type * from './registry/geofence.dto.js';
export type * from './registry/alert.dto.js';
