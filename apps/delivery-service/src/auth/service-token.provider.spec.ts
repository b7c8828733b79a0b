import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { TokenService } from '@wingxtra/service-kit';
import { decodeJwt } from 'jose';
import { ServiceTokenProvider } from './service-token.provider.js';

const SECRET = 'unit-test-jwt-secret-0123456789abcdef';

describe('ServiceTokenProvider', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('signs an OPS token of system:delivery-service for 5 minutes that the shared secret verifies', async () => {
    const tokens = new TokenService(SECRET);
    const token = await new ServiceTokenProvider(tokens).token();
    expect(await tokens.verify(token)).toEqual({ sub: 'system:delivery-service', role: 'OPS' });
    const { exp, iat } = decodeJwt(token);
    expect(exp! - iat!).toBe(300);
  });

  it('reuses its token until a minute before it expires, then signs a new one', async () => {
    jest.useFakeTimers({ now: Date.parse('2026-12-01T10:00:00.000Z'), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const provider = new ServiceTokenProvider(new TokenService(SECRET));
    const first = await provider.token();
    jest.setSystemTime(Date.parse('2026-12-01T10:03:59.000Z'));
    expect(await provider.token()).toBe(first);
    jest.setSystemTime(Date.parse('2026-12-01T10:04:00.000Z'));
    const second = await provider.token();
    expect(second).not.toBe(first);
    expect(decodeJwt(second).exp).toBe(Date.parse('2026-12-01T10:09:00.000Z') / 1000);
  });
});
