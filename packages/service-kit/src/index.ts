export * from './config.js';
export * from './logging.js';
export * from './redis.js';
export * from './within-ms.js';
export * from './main.js';
export * from './service-config.js';
export * from './migrator.js';
