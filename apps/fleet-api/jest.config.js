import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Unit tests (src/**\/*.spec.ts) and integration tests (test/**\/*.int-spec.ts) against the real local Redis.
 * ESM mode: NestJS 12 is ESM-only and Jest loads it natively only this way on Node 20.
 * @fastify/static: the /docs UI's plugin is pinned to fleet-api's own 9.x. The 10.x that service-kit's
 * @nestjs/swagger resolves requires an ES module (content-disposition 3) with require(), which Node 20.19
 * does natively but Jest's module loader on Node 20 cannot.
 */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1', '^@fastify/static$': require.resolve('@fastify/static') },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.int-spec.ts'],
  testTimeout: 30000,
};
