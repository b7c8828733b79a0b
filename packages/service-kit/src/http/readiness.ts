import type { HealthDto } from '@wingxtra/contracts';
import { withinMs } from '../within-ms.js';

/**
 * Readiness from named checks (each must answer within timeoutMs): ok, or unavailable naming each store that
 * did not answer (the controller answers 503 with it).
 */
export async function checkReadiness(checks: Record<string, () => Promise<unknown>>, timeoutMs = 2000): Promise<HealthDto> {
  const problems: string[] = [];
  await Promise.all(
    Object.entries(checks).map(([name, check]) => withinMs(check(), timeoutMs).catch((err: Error) => problems.push(`${name}: ${err.message}`))),
  );
  return problems.length === 0 ? { status: 'ok' } : { status: 'unavailable', reason: problems.sort().join('; ') };
}
