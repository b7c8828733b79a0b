/**
 * Unit tests (src/**\/*.spec.ts), checks of the deployment files (test/**\/*.spec.ts) and integration tests
 * (test/**\/*.int-spec.ts) that run the real built services against the local PostgreSQL and Redis.
 * ESM mode: NestJS 12 is ESM-only and Jest loads it natively only this way on Node 20.
 */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts', '<rootDir>/test/**/*.int-spec.ts'],
  testTimeout: 30000,
};
