import { describe, expect, it } from '@jest/globals';
import { isStoreUnavailable, isUniqueViolation } from './store-errors.js';

describe('store errors', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['PostgreSQL shutting down', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['every pooled connection busy for a Prisma transaction (P2028)', Object.assign(new Error('Transaction API error: Unable to start a transaction in the given time.'), { code: 'P2028' })],
    ['every pooled connection busy for a Prisma query (P2024)', Object.assign(new Error('Timed out fetching a new connection from the connection pool.'), { code: 'P2024' })],
    ['node-postgres waiting too long for a connection', new Error('timeout exceeded when trying to connect')],
    ['a Redis command timing out', new Error('Command timed out')],
    ['the cause of a wrapping error', Object.assign(new Error('query failed'), { cause: Object.assign(new Error('socket'), { code: 'ECONNRESET' }) })],
  ])('calls %s a store that is unavailable (503, retry)', (_what, err) => {
    expect(isStoreUnavailable(err)).toBe(true);
  });

  it.each([
    ['a unique violation', Object.assign(new Error('Unique constraint failed'), { code: 'P2002' })],
    ['a syntax error', Object.assign(new Error('syntax error at or near "SELEC"'), { code: '42601' })],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'x')")],
    ['nothing', undefined],
  ])('does not call %s unavailable', (_what, err) => {
    expect(isStoreUnavailable(err)).toBe(false);
  });

  it('recognises a unique violation from Prisma or PostgreSQL, narrowed to one index when asked', () => {
    const prisma = Object.assign(new Error('Unique constraint failed on the fields: (`name`)'), { code: 'P2002', meta: { target: 'geofences_name_key' } });
    expect(isUniqueViolation(prisma)).toBe(true);
    expect(isUniqueViolation(prisma, 'geofences_name_key')).toBe(true);
    expect(isUniqueViolation(prisma, 'orders_pkey')).toBe(false);
    expect(isUniqueViolation(Object.assign(new Error('duplicate key'), { code: '23505', constraint: 'alerts_one_open_per_drone_rule' }), 'alerts_one_open')).toBe(true);
    expect(isUniqueViolation(Object.assign(new Error('deadlock'), { code: '40P01' }))).toBe(false);
  });
});
