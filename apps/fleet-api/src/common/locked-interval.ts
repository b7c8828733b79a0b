import type { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';

/**
 * A periodic job that one replica at a time runs: each period, the replica that takes the Redis lock (SET NX
 * PX, held for most of a period) does the work. A replica that dies leaves the lock to expire, and another one
 * takes over within a period. Errors are logged once per failure streak and the next period tries again.
 */
export class LockedInterval {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private failing = false;

  constructor(
    private readonly redis: Redis,
    private readonly lockKey: string,
    private readonly periodMs: number,
    private readonly work: () => Promise<void>,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.periodMs);
    this.timer.unref();
  }

  /** One period's turn (tests and start-up call it directly). */
  async tick(): Promise<void> {
    if (this.running) return;
    this.running = (async () => {
      try {
        const taken = await this.redis.set(this.lockKey, String(process.pid), 'PX', Math.max(100, Math.floor(this.periodMs * 0.8)), 'NX');
        if (taken === 'OK') await this.work();
        if (this.failing) this.logger.log(`${this.lockKey}: resumed`);
        this.failing = false;
      } catch (err) {
        if (!this.failing) this.logger.warn(`${this.lockKey}: ${(err as Error).message}; retrying every ${this.periodMs} ms`);
        this.failing = true;
      }
    })().finally(() => (this.running = null));
    await this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
