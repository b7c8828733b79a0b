import { Injectable } from '@nestjs/common';
import { KIT_STATUSES, type KitStatus } from '@wingxtra/contracts';
import { Counter, Gauge } from 'prom-client';
import { MetricsService } from '../metrics/metrics.module.js';

/** The collector's Prometheus metrics, on the service's one registry (GET /metrics). */
@Injectable()
export class AirspaceMetrics {
  readonly kitStatus: Gauge<'kit' | 'status'>;
  readonly kitRequests: Counter<'kit' | 'endpoint' | 'outcome'>;
  readonly kitPolls: Counter<'kit' | 'outcome'>;
  readonly detectionsStored: Counter<'kit' | 'type'>;
  readonly kitBackoff: Gauge<'kit'>;

  constructor(metrics: MetricsService) {
    const registers = [metrics.registry];
    this.kitStatus = new Gauge({ name: 'analytics_airspace_kit_status', help: 'Health of each kit polled by this process: 1 for its current status, 0 for the others', labelNames: ['kit', 'status'], registers });
    this.kitRequests = new Counter({ name: 'analytics_airspace_kit_requests_total', help: 'HTTP requests to kits, by endpoint and outcome (ok, failed)', labelNames: ['kit', 'endpoint', 'outcome'], registers });
    this.kitPolls = new Counter({ name: 'analytics_airspace_kit_polls_total', help: 'Poll rounds of kits, by outcome (ok, failed)', labelNames: ['kit', 'outcome'], registers });
    this.detectionsStored = new Counter({ name: 'analytics_airspace_detections_stored_total', help: 'Detections stored, by kit and type (track, signal, system_health)', labelNames: ['kit', 'type'], registers });
    this.kitBackoff = new Gauge({ name: 'analytics_airspace_kit_backoff_seconds', help: 'Current delay before the next poll of a failing kit (INITIAL_BACKOFF while healthy)', labelNames: ['kit'], registers });
  }

  setStatus(kit: string, status: KitStatus | null): void {
    for (const s of KIT_STATUSES) this.kitStatus.set({ kit, status: s }, s === status ? 1 : 0);
  }

  /** A kit this process no longer polls: its gauges go (another process reports it now). */
  forget(kit: string): void {
    for (const s of KIT_STATUSES) this.kitStatus.remove({ kit, status: s });
    this.kitBackoff.remove({ kit });
  }
}
