import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { ALERT_STREAM_EVENT } from '@wingxtra/contracts';
import { FleetConfig } from '../config/fleet-config.js';
import { reconnectForever } from '../redis/redis.module.js';
import { ALERTS_CHANNEL } from '../registry/registry.keys.js';
import { AlertsRepository } from './alerts.repository.js';

export interface AlertStreamClient {
  write(chunk: string): void;
}

const event = (json: string) => `event: ${ALERT_STREAM_EVENT}\ndata: ${json}\n\n`;

/**
 * Server-Sent Events of alert changes, as the telemetry stream: every change is published on Redis (so
 * every replica sees it); a replica subscribes while it has clients. A new client first gets every open
 * alert; after the subscriber reconnects, every client gets them again.
 */
@Injectable()
export class AlertStreamService implements OnApplicationShutdown {
  private readonly logger = new Logger(AlertStreamService.name);
  private readonly clients = new Set<AlertStreamClient>();
  private subscriber: Redis | null = null;
  private keepAlive: NodeJS.Timeout | null = null;

  constructor(
    private readonly config: FleetConfig,
    private readonly alerts: AlertsRepository,
  ) {}

  connect(client: AlertStreamClient): () => void {
    this.clients.add(client);
    if (!this.subscriber) this.start();
    client.write('retry: 2000\n\n');
    void this.snapshot([client]);
    return () => {
      if (this.clients.delete(client) && this.clients.size === 0) this.stop();
    };
  }

  private start(): void {
    const subscriber = new Redis(this.config.REDIS_URL, { connectionName: 'fleet-api:alert-stream', retryStrategy: reconnectForever });
    let lost = false;
    subscriber.on('error', () => undefined);
    subscriber.on('close', () => (lost = true));
    subscriber.on('ready', () => {
      if (lost) void this.snapshot([...this.clients]);
      lost = false;
    });
    subscriber.on('message', (_channel: string, json: string) => this.broadcast(event(json)));
    void subscriber.subscribe(ALERTS_CHANNEL).catch(() => undefined);
    this.subscriber = subscriber;
    this.keepAlive = setInterval(() => this.broadcast(': keep-alive\n\n'), this.config.STREAM_KEEPALIVE_S * 1000);
  }

  private stop(): void {
    if (this.keepAlive) clearInterval(this.keepAlive);
    this.subscriber?.disconnect();
    this.subscriber = null;
  }

  private async snapshot(clients: AlertStreamClient[]): Promise<void> {
    try {
      const open = await this.alerts.list({ state: 'open', limit: 1000 });
      const chunk = open.reverse().map((a) => event(JSON.stringify(a))).join('');
      if (chunk) clients.forEach((c) => c.write(chunk));
    } catch (err) {
      this.logger.warn(`alert snapshot failed: ${(err as Error).message}`);
    }
  }

  private broadcast(chunk: string): void {
    for (const client of this.clients) client.write(chunk);
  }

  onApplicationShutdown(): void {
    this.stop();
  }
}
