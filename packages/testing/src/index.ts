export * from './redis-db.js';
export * from './postgres-db.js';
export * from './http.js';
export * from './ports.js';
export * from './fleet-api-process.js';
export * from './service-process.js';
export * from './loopback-server.js';
