const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006', 'P1001', 'P1002', 'P1017', 'P2024', 'P2028']);
const UNAVAILABLE_TEXT = /connection terminated|Unable to start a transaction in the given time|Timed out fetching a new connection from the connection pool|is not currently accepting connections|terminating connection|timeout exceeded when trying to connect|connection refused|Connection is closed|ECONNREFUSED|the database system is (starting up|shutting down)|Can't reach database server|Stream isn't writeable|Command timed out/i;

/**
 * True when the error means PostgreSQL or Redis is unreachable right now, or too busy to give a connection in time
 * (Prisma's P2024 and P2028: every pooled connection taken): answer 503, retry later.
 */
export function isStoreUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message, kind } = e as { code?: unknown; message?: unknown; kind?: unknown };
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
    if (kind === 'DatabaseNotReachable' || kind === 'ConnectionClosed' || kind === 'SocketTimeout') return true;
    if (typeof message === 'string' && UNAVAILABLE_TEXT.test(message)) return true;
  }
  return false;
}

/**
 * A unique-constraint violation: Prisma's P2002 from model queries, or PostgreSQL's 23505 inside the P2010
 * Prisma reports for raw queries. `index` narrows it to one constraint.
 */
export function isUniqueViolation(err: unknown, index?: string): boolean {
  const e = err as { code?: string; meta?: Record<string, unknown>; message?: string };
  if (e?.code === '23505') return !index || JSON.stringify(e).includes(index) || (e as { constraint?: string }).constraint?.includes(index) === true;
  const raw = e?.code === 'P2010' && (JSON.stringify(e.meta ?? {}).includes('23505') || /unique constraint/i.test(e.message ?? ''));
  if (e?.code !== 'P2002' && !raw) return false;
  if (!index) return true;
  const text = JSON.stringify(e.meta ?? {}) + (e.message ?? '');
  return text.includes(index);
}
