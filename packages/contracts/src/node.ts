// Node-only helpers (they use node:crypto); the browser-safe shapes are in the main entry.
export * from './node/mission-signature.js';
export * from './node/mission-intent.schema.js';
export * from './node/openapi-schemas.js';
