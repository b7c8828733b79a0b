import type { KitStatus } from '@wingxtra/contracts';

export interface HealthSettings {
  initialBackoffMs: number;
  maxBackoffMs: number;
  staleThresholdMs: number;
}

/** How a poll round went: answered (with or without data) or failed, and why. */
export type RoundOutcome =
  | { ok: true; hadData: boolean }
  /** `reachable`: the kit answered, but wrongly (an HTTP error status, a body that is not the expected JSON). */
  | { ok: false; reachable: boolean; error: string };

/** What the kits table keeps of a kit's health, so another replica can carry it on. */
export interface HealthSnapshot {
  status: KitStatus;
  statusSince: Date | null;
  lastSeen: Date | null;
  lastDataAt: Date | null;
  lastError: string | null;
  consecutiveFailures: number;
  backoffMs: number;
  totalRequests: number;
  successfulRequests: number;
  failedRequests: number;
}

/**
 * One kit's health, as the spec's collector keeps it: every poll round is a request; a round in which any endpoint
 * answered usefully is a success, otherwise a failure. States:
 * - unknown: before the first round;
 * - online: the last round succeeded and data (a detection or a status record) came within STALE_THRESHOLD;
 * - stale: the last rounds succeeded but brought no data for longer than STALE_THRESHOLD (counted from the later
 *   of the last data and the moment the kit started answering again);
 * - offline: the last round failed without an answer (refused, timed out, unreachable);
 * - error: the last round failed with a wrong answer (HTTP error status, unusable body).
 * After the n-th consecutive failure the next poll waits min(INITIAL_BACKOFF × 2^(n-1), MAX_BACKOFF); a success
 * resets it to INITIAL_BACKOFF.
 */
export class KitHealth {
  status: KitStatus = 'unknown';
  statusSince: Date | null = null;
  lastSeen: Date | null = null;
  lastDataAt: Date | null = null;
  lastError: string | null = null;
  consecutiveFailures = 0;
  backoffMs: number;
  totalRequests = 0;
  successfulRequests = 0;
  failedRequests = 0;
  /** Start of the current run of answered rounds (stale is judged from here when no data has come since). */
  private answeringSince: Date | null = null;

  constructor(private readonly settings: HealthSettings) {
    this.backoffMs = settings.initialBackoffMs;
  }

  /** Continues from what the kits table holds (a kit taken over from another replica). */
  restore(s: HealthSnapshot): void {
    Object.assign(this, s);
    this.backoffMs = Math.min(Math.max(s.backoffMs, this.settings.initialBackoffMs), this.settings.maxBackoffMs);
    // Online: answering since it went online. Stale: keep it stale until data comes.
    this.answeringSince = s.status === 'online' ? s.statusSince : s.status === 'stale' ? (s.lastDataAt ?? new Date(0)) : null;
  }

  /** Records a round; returns the previous status when the status changed, else null. */
  record(outcome: RoundOutcome, now: Date): KitStatus | null {
    this.totalRequests++;
    if (outcome.ok) {
      this.successfulRequests++;
      this.consecutiveFailures = 0;
      this.backoffMs = this.settings.initialBackoffMs;
      this.lastError = null;
      this.lastSeen = now;
      this.answeringSince ??= now;
      if (outcome.hadData) this.lastDataAt = now;
      return this.setStatus(this.isStale(now) ? 'stale' : 'online', now);
    }
    this.failedRequests++;
    this.consecutiveFailures++;
    this.lastError = outcome.error;
    this.answeringSince = null;
    this.backoffMs = Math.min(this.settings.initialBackoffMs * 2 ** (this.consecutiveFailures - 1), this.settings.maxBackoffMs);
    return this.setStatus(outcome.reachable ? 'error' : 'offline', now);
  }

  /** Re-judges staleness between rounds (the health log does): an online kit without data for too long is stale. */
  checkStale(now: Date): KitStatus | null {
    return this.status === 'online' && this.isStale(now) ? this.setStatus('stale', now) : null;
  }

  /** Delay before the next round: the poll interval while answering, the backoff after a failure. */
  nextDelayMs(pollIntervalMs: number): number {
    return this.consecutiveFailures > 0 ? this.backoffMs : pollIntervalMs;
  }

  get successRatePct(): number {
    return this.totalRequests === 0 ? 0 : Math.round((this.successfulRequests / this.totalRequests) * 1000) / 10;
  }

  snapshot(): HealthSnapshot {
    return {
      status: this.status,
      statusSince: this.statusSince,
      lastSeen: this.lastSeen,
      lastDataAt: this.lastDataAt,
      lastError: this.lastError,
      consecutiveFailures: this.consecutiveFailures,
      backoffMs: this.backoffMs,
      totalRequests: this.totalRequests,
      successfulRequests: this.successfulRequests,
      failedRequests: this.failedRequests,
    };
  }

  /** The spec's health log line: `Kit kit-001: online | Success rate: 98.5% | Requests: 720 (OK: 709, Failed: 11)`. */
  describe(kitId: string): string {
    return `Kit ${kitId}: ${this.status} | Success rate: ${this.successRatePct.toFixed(1)}% | Requests: ${this.totalRequests} (OK: ${this.successfulRequests}, Failed: ${this.failedRequests})`;
  }

  private isStale(now: Date): boolean {
    const since = [this.lastDataAt, this.answeringSince].filter((d): d is Date => d !== null).reduce<Date | null>((a, b) => (a && a > b ? a : b), null);
    return since !== null && now.getTime() - since.getTime() > this.settings.staleThresholdMs;
  }

  private setStatus(status: KitStatus, now: Date): KitStatus | null {
    if (status === this.status) return null;
    const previous = this.status;
    this.status = status;
    this.statusSince = now;
    return previous;
  }
}
