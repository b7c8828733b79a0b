import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadAnalyticsConfig } from './analytics-config.js';

const env = (extra: NodeJS.ProcessEnv = {}) => ({
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/wingxtra_analytics',
  REDIS_URL: 'redis://127.0.0.1:6379/0',
  JWT_SECRET: 'analytics-spec-jwt-secret-0123456789abcdef',
  ...extra,
});

describe('loadAnalyticsConfig: DATABASE_POOL_MAX', () => {
  it('is 10 by default and refuses what is not a whole number from 1 to 500', () => {
    expect(loadAnalyticsConfig(env()).DATABASE_POOL_MAX).toBe(10);
    expect(loadAnalyticsConfig(env({ DATABASE_POOL_MAX: '3' })).DATABASE_POOL_MAX).toBe(3);
    for (const bad of ['0', '501', '1.5']) expect(() => loadAnalyticsConfig(env({ DATABASE_POOL_MAX: bad }))).toThrow(ConfigError);
  });
});
