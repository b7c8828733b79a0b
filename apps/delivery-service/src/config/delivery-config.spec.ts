import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadDeliveryConfig } from './delivery-config.js';

const REQUIRED = {
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/wingxtra_delivery',
  REDIS_URL: 'redis://127.0.0.1:6379/0',
  JWT_SECRET: 'delivery-spec-jwt-secret-0123456789abcdef',
  GCS_BRIDGE_SECRET: 'delivery-spec-bridge-secret-0123456789',
};

describe('loadDeliveryConfig: DATABASE_POOL_MAX', () => {
  it('is 10 by default, read from its text, and refused below 1 or when not a whole number', () => {
    expect(loadDeliveryConfig(REQUIRED).DATABASE_POOL_MAX).toBe(10);
    expect(loadDeliveryConfig({ ...REQUIRED, DATABASE_POOL_MAX: '40' }).DATABASE_POOL_MAX).toBe(40);
    expect(() => loadDeliveryConfig({ ...REQUIRED, DATABASE_POOL_MAX: '0' })).toThrow(ConfigError);
    expect(() => loadDeliveryConfig({ ...REQUIRED, DATABASE_POOL_MAX: 'lots' })).toThrow(/DATABASE_POOL_MAX/);
  });
});
