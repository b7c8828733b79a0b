import { describe, expect, it } from '@jest/globals';
import { decodeToken, TokenError, tokenFromFragment } from './token';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = (claims: Record<string, unknown>) => `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}.c2lnbmF0dXJl`;
const exp = NOW / 1000 + 3600;

describe('decodeToken', () => {
  it('reads the role, subject, merchant and expiry of a merchant token', () => {
    const s = decodeToken(jwt({ sub: 'shop-1', role: 'MERCHANT', merchant_id: 'm-1', exp }), NOW);
    expect(s).toMatchObject({ sub: 'shop-1', role: 'MERCHANT', merchantId: 'm-1', expiresAt: exp * 1000 });
  });

  it('accepts a pasted "Bearer <token>" with surrounding spaces', () => {
    expect(decodeToken(`  Bearer ${jwt({ sub: 'ops-1', role: 'OPS', exp })}\n`, NOW).role).toBe('OPS');
  });

  it('refuses text that is not three base64url parts', () => {
    expect(() => decodeToken('hello', NOW)).toThrow('This is not a token');
    expect(() => decodeToken('a.b', NOW)).toThrow(TokenError);
  });

  it('refuses claims that are not JSON', () => {
    expect(() => decodeToken(`${b64({})}.${Buffer.from('nope').toString('base64url')}.sig`, NOW)).toThrow('its middle part is not JSON claims');
  });

  it('refuses an expired token, naming when it expired', () => {
    expect(() => decodeToken(jwt({ sub: 'ops-1', role: 'OPS', exp: NOW / 1000 - 1 }), NOW)).toThrow(/expired at/);
  });

  it('refuses a token without exp, as the services do', () => {
    expect(() => decodeToken(jwt({ sub: 'ops-1', role: 'OPS' }), NOW)).toThrow('no expiry');
  });

  it('refuses an unknown role and names the known ones', () => {
    expect(() => decodeToken(jwt({ sub: 'x', role: 'PILOT', exp }), NOW)).toThrow('must be one of CUSTOMER, MERCHANT, OPS, ADMIN, not PILOT');
  });

  it('refuses a merchant token without merchant_id and a customer token', () => {
    expect(() => decodeToken(jwt({ sub: 'shop-1', role: 'MERCHANT', exp }), NOW)).toThrow('must carry merchant_id');
    expect(() => decodeToken(jwt({ sub: 'c', role: 'CUSTOMER', exp }), NOW)).toThrow('tracking link');
  });

  it('refuses a token without a subject', () => {
    expect(() => decodeToken(jwt({ role: 'OPS', exp }), NOW)).toThrow('names no user');
  });
});

describe('tokenFromFragment', () => {
  it('takes the token from #token=<jwt> and nothing else', () => {
    expect(tokenFromFragment('#token=abc.def.ghi')).toBe('abc.def.ghi');
    expect(tokenFromFragment('#other=1')).toBeNull();
    expect(tokenFromFragment('')).toBeNull();
    expect(tokenFromFragment('#token=')).toBeNull();
  });
});
