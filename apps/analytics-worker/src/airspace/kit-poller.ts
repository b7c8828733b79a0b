import { Logger } from '@nestjs/common';
import { fetchKitJson, KitRequestError, sleep, type KitClientSettings } from './kit-client.js';
import { KitHealth, type HealthSettings, type RoundOutcome } from './kit-health.js';
import type { KitConfig } from './kits-config.js';
import { normalizeSignals, normalizeStatus, normalizeTracks, type SignalRow, type SystemHealthRow, type TrackRow } from './normalize.js';
import type { AirspaceMetrics } from './airspace-metrics.js';
import type { AirspaceRepository } from './airspace.repository.js';

export interface PollerSettings extends HealthSettings, KitClientSettings {
  pollIntervalMs: number;
  statusIntervalMs: number;
}

type Endpoint = '/drones' | '/signals' | '/status';

/** One endpoint's answer in a round: usable rows, or why not. */
type Fetched<T> = { ok: true; value: T } | { ok: false; error: string; reachable: boolean };


/**
 * Polls one kit until stopped: /drones and /signals every POLL_INTERVAL and /status every STATUS_POLL_INTERVAL,
 * all of a round at once; stores what it gets; keeps the kit's health and waits out its backoff after failures.
 */
export class KitPoller {
  readonly health: KitHealth;
  private readonly logger: Logger;
  private readonly stopper = new AbortController();
  private lastStatusAt = Number.NEGATIVE_INFINITY;
  private loop: Promise<void> | null = null;

  constructor(
    readonly kit: KitConfig,
    private readonly settings: PollerSettings,
    private readonly repo: AirspaceRepository,
    private readonly metrics: AirspaceMetrics,
    private readonly owner: string,
  ) {
    this.health = new KitHealth(settings);
    this.logger = new Logger(`Airspace ${kit.id}`);
  }

  start(): void {
    this.metrics.setStatus(this.kit.id, this.health.status);
    this.metrics.kitBackoff.set({ kit: this.kit.id }, this.health.backoffMs / 1000);
    this.loop ??= this.run();
  }

  /** Stops after the round under way (its requests are aborted) and waits for the loop to end. */
  async stop(): Promise<void> {
    this.stopper.abort();
    await this.loop;
  }

  get stopped(): boolean {
    return this.stopper.signal.aborted;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const started = Date.now();
      try {
        await this.round();
      } catch (err) {
        // Not a kit failure (those are recorded in round()): a bug or a store error; keep polling.
        this.logger.error(`poll round failed unexpectedly: ${(err as Error).message}`);
      }
      const delay = this.health.consecutiveFailures > 0 ? this.health.backoffMs : Math.max(0, this.settings.pollIntervalMs - (Date.now() - started));
      await sleep(delay, this.stopper.signal);
    }
  }

  /** One poll round; exported for tests through the collector. */
  async round(): Promise<RoundOutcome> {
    const receivedAt = new Date();
    const statusDue = receivedAt.getTime() - this.lastStatusAt >= this.settings.statusIntervalMs;
    const id = this.kit.id;
    const [tracks, signals, status] = await Promise.all([
      this.fetch('/drones', (p) => normalizeTracks(p, id, receivedAt), 'no drones list'),
      this.fetch('/signals', (p) => normalizeSignals(p, id, receivedAt), 'no signals list'),
      statusDue ? this.fetch('/status', (p) => normalizeStatus(p, id, receivedAt), null) : Promise.resolve(null),
    ]);
    if (this.stopped) return { ok: false, reachable: false, error: 'stopped' };
    if (statusDue) this.lastStatusAt = receivedAt.getTime();

    const answered = [tracks, signals, status].filter((f): f is Fetched<never> => f !== null);
    const stored = await this.store(receivedAt, tracks.ok ? tracks.value : [], signals.ok ? signals.value : [], status?.ok ? status.value : null);
    const hadData = (tracks.ok && tracks.value.length > 0) || (signals.ok && signals.value.length > 0) || (status?.ok === true && status.value !== null);
    const failures = answered.filter((f): f is Extract<Fetched<never>, { ok: false }> => !f.ok);
    const outcome: RoundOutcome = answered.some((f) => f.ok)
      ? { ok: true, hadData }
      : { ok: false, reachable: failures.some((f) => f.reachable), error: failures.map((f) => f.error).join('; ') };

    const previous = this.health.record(outcome, new Date());
    this.metrics.kitPolls.inc({ kit: id, outcome: outcome.ok ? 'ok' : 'failed' });
    this.metrics.setStatus(id, this.health.status);
    this.metrics.kitBackoff.set({ kit: id }, this.health.backoffMs / 1000);
    if (!outcome.ok) {
      this.logger.warn(`Kit ${id} failed (attempt ${this.health.consecutiveFailures}). Next retry in ${(this.health.backoffMs / 1000).toFixed(1)}s. Error: ${outcome.error}`);
    } else if (stored > 0) {
      this.logger.debug(`Kit ${id}: stored ${stored} new detections`);
    }
    if (previous !== null) this.logger.log(`Kit ${id}: ${previous} -> ${this.health.status}`);
    await this.saveHealth(stored);
    return outcome;
  }

  /** Re-judges staleness between rounds (the collector's health log); saves a change. */
  async checkStale(): Promise<void> {
    const previous = this.health.checkStale(new Date());
    if (previous === null) return;
    this.metrics.setStatus(this.kit.id, this.health.status);
    this.logger.log(`Kit ${this.kit.id}: ${previous} -> ${this.health.status}`);
    await this.saveHealth(0);
  }

  private async saveHealth(stored: number): Promise<void> {
    try {
      await this.repo.saveHealth(this.kit.id, this.health.snapshot(), this.owner, stored);
    } catch (err) {
      this.logger.warn(`could not save the health of kit ${this.kit.id}: ${(err as Error).message}`);
    }
  }

  private async fetch<T>(endpoint: Endpoint, normalize: (payload: unknown) => T | null, unusable: string | null): Promise<Fetched<T>> {
    try {
      const payload = await fetchKitJson(`${this.kit.apiUrl}${endpoint}`, this.settings, this.stopper.signal);
      const value = normalize(payload);
      if (value === null && unusable !== null) {
        this.metrics.kitRequests.inc({ kit: this.kit.id, endpoint, outcome: 'failed' });
        return { ok: false, error: `unexpected answer from ${endpoint}: ${unusable}`, reachable: true };
      }
      this.metrics.kitRequests.inc({ kit: this.kit.id, endpoint, outcome: 'ok' });
      return { ok: true, value: value as T };
    } catch (err) {
      this.metrics.kitRequests.inc({ kit: this.kit.id, endpoint, outcome: 'failed' });
      if (err instanceof KitRequestError) return { ok: false, error: err.message, reachable: err.reachable };
      return { ok: false, error: `unexpected error fetching ${endpoint}: ${(err as Error).message}`, reachable: false };
    }
  }

  /** Stores a round's rows, each table on its own: a failed insert is logged and skipped, never a kit failure. */
  private async store(receivedAt: Date, tracks: TrackRow[], signals: SignalRow[], status: SystemHealthRow | null): Promise<number> {
    const jobs: Array<[string, () => Promise<number>]> = [
      ['track', () => this.repo.insertTracks(receivedAt, tracks)],
      ['signal', () => this.repo.insertSignals(receivedAt, signals)],
      ['system_health', () => (status ? this.repo.insertSystemHealth(receivedAt, status) : Promise.resolve(0))],
    ];
    const results = await Promise.allSettled(jobs.map(([, job]) => job()));
    let stored = 0;
    results.forEach((r, i) => {
      const type = jobs[i][0];
      if (r.status === 'fulfilled') {
        stored += r.value;
        if (r.value > 0) this.metrics.detectionsStored.inc({ kit: this.kit.id, type }, r.value);
      } else {
        this.logger.error(`could not store ${type} rows of kit ${this.kit.id}: ${(r.reason as Error).message}`);
      }
    });
    return stored;
  }
}
