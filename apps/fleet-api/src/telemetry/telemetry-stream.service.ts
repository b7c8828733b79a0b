import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { TELEMETRY_STREAM_EVENT } from '@wingxtra/contracts';
import { FleetConfig } from '../config/fleet-config.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { reconnectForever } from '../redis/redis.module.js';
import { LATEST_CHANGED_CHANNEL } from './latest-state.keys.js';
import { TelemetryService } from './telemetry.service.js';

export interface StreamClient {
  write(chunk: string): void;
}

/** How often changed drones are sent: changes within one tick are coalesced (maps need no 200 Hz). */
const FLUSH_EVERY_MS = 250;

/**
 * Server-Sent Events of latest-state changes. The ingest script publishes each changed drone id on a
 * Redis channel, so every replica sees every change; this replica subscribes only while it has clients,
 * coalesces ids for a tick, then reads those drones' state and writes one event per drone.
 */
@Injectable()
export class TelemetryStreamService implements OnApplicationShutdown {
  private readonly logger = new Logger(TelemetryStreamService.name);
  private readonly clients = new Set<StreamClient>();
  private readonly changed = new Set<string>();
  private subscriber: Redis | null = null;
  private timers: NodeJS.Timeout[] = [];
  private resync = false;

  constructor(
    private readonly config: FleetConfig,
    private readonly telemetry: TelemetryService,
    private readonly metrics: MetricsService,
  ) {}

  /** Adds a client, which first receives every drone's current state. Returns the function that removes it. */
  connect(client: StreamClient): () => void {
    this.clients.add(client);
    this.metrics.sseClients.set(this.clients.size);
    if (!this.subscriber) this.start();
    client.write(`retry: 2000\n\n`);
    void this.sendSnapshot([client]).catch((err: Error) => this.logger.warn(`snapshot failed: ${err.message}`));
    return () => {
      if (!this.clients.delete(client)) return;
      this.metrics.sseClients.set(this.clients.size);
      if (this.clients.size === 0) this.stop();
    };
  }

  private start(): void {
    const subscriber = new Redis(this.config.REDIS_URL, { connectionName: 'fleet-api:stream', retryStrategy: reconnectForever });
    let lost = false;
    subscriber.on('error', () => undefined); // reconnects by itself; the command client logs outages
    subscriber.on('close', () => (lost = true));
    subscriber.on('ready', () => {
      // After an outage the clients may have missed changes: send everything once more.
      if (lost) this.resync = true;
      lost = false;
    });
    subscriber.on('message', (_channel: string, droneIds: string) => droneIds.split(',').forEach((id) => this.changed.add(id)));
    void subscriber.subscribe(LATEST_CHANGED_CHANNEL).catch(() => undefined);
    this.subscriber = subscriber;
    this.timers = [
      setInterval(() => void this.flush(), FLUSH_EVERY_MS),
      // Comments keep proxies from closing a quiet stream.
      setInterval(() => this.broadcast(': keep-alive\n\n'), this.config.STREAM_KEEPALIVE_S * 1000),
    ];
  }

  private stop(): void {
    this.timers.forEach(clearInterval);
    this.timers = [];
    this.subscriber?.disconnect();
    this.subscriber = null;
    this.changed.clear();
  }

  private async flush(): Promise<void> {
    if (this.resync) {
      this.resync = false;
      this.changed.clear();
      await this.sendSnapshot([...this.clients]).catch(() => (this.resync = true));
      return;
    }
    if (this.changed.size === 0) return;
    const ids = [...this.changed];
    this.changed.clear();
    try {
      this.broadcast((await this.telemetry.entriesJson(ids)).map(event).join(''));
    } catch (err) {
      ids.forEach((id) => this.changed.add(id));
      this.logger.warn(`stream flush failed, will retry: ${(err as Error).message}`);
    }
  }

  private async sendSnapshot(clients: StreamClient[]): Promise<void> {
    const chunk = (await this.telemetry.entriesJson()).map(event).join('');
    if (chunk) clients.forEach((c) => c.write(chunk));
  }

  private broadcast(chunk: string): void {
    if (!chunk) return;
    for (const client of this.clients) client.write(chunk);
  }

  onApplicationShutdown(): void {
    this.stop();
  }
}

const event = (json: string) => `event: ${TELEMETRY_STREAM_EVENT}\ndata: ${json}\n\n`;
