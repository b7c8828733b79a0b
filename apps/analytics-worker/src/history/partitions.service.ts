import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AnalyticsConfig } from '../config/analytics-config.js';
import { PrismaService } from '../database/prisma.service.js';

const DAY_MS = 86_400_000;
const LOCK_KEY = 7_331_004_212; // one maintainer at a time across replicas
const NAME = /^telemetry_raw_p(\d{4})(\d{2})(\d{2})$/;

const dayStart = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;
const partitionName = (dayMs: number) => `telemetry_raw_p${new Date(dayMs).toISOString().slice(0, 10).replaceAll('-', '')}`;

/**
 * Keeps telemetry_raw's daily partitions (UTC days): the ones from yesterday to PARTITION_AHEAD_DAYS ahead
 * exist, and those wholly older than RETENTION_DAYS are dropped (with the default partition's rows of that
 * age). Runs at start and every hour, under an advisory lock, so replicas never do it twice at once.
 */
@Injectable()
export class PartitionsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Partitions');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly prisma: PrismaService,
    private readonly config: AnalyticsConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.maintain().catch((err: Error) => this.logger.warn(`partition maintenance failed (retrying within the hour): ${err.message}`));
    this.timer = setInterval(() => void this.maintain().catch((err: Error) => this.logger.warn(`partition maintenance failed: ${err.message}`)), 3600_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Creates the partitions due and drops the expired ones; returns what it did. */
  async maintain(nowMs = Date.now()): Promise<{ created: string[]; dropped: string[] }> {
    const client = await this.prisma.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
      const existing = new Set(await this.list(client));
      const created: string[] = [];
      const today = dayStart(nowMs);
      for (let day = today - DAY_MS; day <= today + this.config.PARTITION_AHEAD_DAYS * DAY_MS; day += DAY_MS) {
        const name = partitionName(day);
        if (existing.has(name)) continue;
        await this.create(client, name, day);
        created.push(name);
      }
      const cutoff = today - this.config.RETENTION_DAYS * DAY_MS;
      const dropped: string[] = [];
      for (const name of existing) {
        const m = NAME.exec(name)!;
        const upper = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) + DAY_MS;
        if (upper <= cutoff) {
          await client.query(`DROP TABLE "${name}"`);
          dropped.push(name);
        }
      }
      await client.query('DELETE FROM telemetry_raw_default WHERE ts < $1', [new Date(cutoff)]);
      if (created.length || dropped.length) this.logger.log(`partitions: created ${created.join(', ') || 'none'}; dropped ${dropped.join(', ') || 'none'}`);
      return { created, dropped };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
      client.release();
    }
  }

  /** Names of the daily partitions that exist now. */
  async list(client: { query: PrismaService['pool']['query'] } = this.prisma.pool): Promise<string[]> {
    const { rows } = await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'telemetry_raw'::regclass`,
    );
    return rows.map((r) => r.name).filter((n) => NAME.test(n)).sort();
  }

  /**
   * A new daily partition. Rows the default partition already holds for that day (late or early clocks) move
   * into it in the same transaction, since PostgreSQL refuses a partition whose rows sit in the default one.
   */
  private async create(client: { query: PrismaService['pool']['query'] }, name: string, dayMs: number): Promise<void> {
    const from = new Date(dayMs).toISOString();
    const to = new Date(dayMs + DAY_MS).toISOString();
    await client.query('BEGIN');
    try {
      await client.query(`CREATE TABLE "${name}" (LIKE telemetry_raw INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
      await client.query(`WITH moved AS (DELETE FROM telemetry_raw_default WHERE ts >= $1 AND ts < $2 RETURNING *) INSERT INTO "${name}" SELECT * FROM moved`, [from, to]);
      await client.query(`ALTER TABLE telemetry_raw ATTACH PARTITION "${name}" FOR VALUES FROM ('${from}') TO ('${to}')`);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK');
      throw err;
    }
  }
}
