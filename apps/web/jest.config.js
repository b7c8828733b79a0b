/**
 * Two projects: unit and component tests beside the code (src/**\/*.spec.ts(x) in jsdom, server/**\/*.spec.ts in
 * Node), and the end-to-end tests (test/e2e/**\/*.int-spec.ts), which start the built services, the built web
 * server and Chromium. ESM mode, as in the other packages.
 */
const transform = { '^.+\\.tsx?$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.jest.json' }] };
const moduleNameMapper = { '^(\\.{1,2}/.*)\\.js$': '$1', '\\.css$': '<rootDir>/test/support/style-stub.ts' };

export default {
  // Per test and hook; the browser tests boot several services, unit tests take milliseconds.
  testTimeout: 180_000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'jsdom',
      extensionsToTreatAsEsm: ['.ts', '.tsx'],
      moduleNameMapper,
      transform,
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.spec.tsx'],
      setupFiles: ['<rootDir>/test/support/jsdom-setup.ts'],
    },
    {
      displayName: 'server',
      testEnvironment: 'node',
      extensionsToTreatAsEsm: ['.ts'],
      moduleNameMapper,
      transform,
      testMatch: ['<rootDir>/server/**/*.spec.ts'],
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      extensionsToTreatAsEsm: ['.ts'],
      moduleNameMapper,
      transform,
      testMatch: ['<rootDir>/test/e2e/**/*.int-spec.ts'],
    },
  ],
};
