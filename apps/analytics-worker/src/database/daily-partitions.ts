import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type pg from 'pg';
import type { PrismaService } from './prisma.service.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const RETRY_MS = 60_000;

/** A table range-partitioned by day on a timestamptz column, with a `<table>_default` partition. */
export interface DailyPartitionedTable {
  table: string;
  timeColumn: string;
}

const dayStart = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;
const partitionName = (table: string, dayMs: number) => `${table}_p${new Date(dayMs).toISOString().slice(0, 10).replaceAll('-', '')}`;
const namePattern = (table: string) => new RegExp(`^${table}_p(\\d{4})(\\d{2})(\\d{2})$`);

/** What a keeper keeps, and how long. */
export interface DailyPartitionKeeping {
  tables: readonly DailyPartitionedTable[];
  /** Days ahead of today whose partitions exist already (PARTITION_AHEAD_DAYS). */
  aheadDays: number;
  /** Days a partition is kept once its day has ended. */
  retentionDays: number;
  /** pg_advisory_lock key: one per keeper. */
  lockKey: number;
  logger: Logger;
  /** After a failed run (PostgreSQL away), the next one comes this soon instead of in an hour. Default 1 min. */
  retryMs?: number;
}

/**
 * Keeps daily partitions (UTC days) of the given tables: from yesterday to PARTITION_AHEAD_DAYS ahead they exist,
 * and those wholly older than the retention are dropped, with the default partition's rows of that age. Runs at
 * start and every hour (a minute after a failed run), under an advisory lock of its own, so replicas never do it
 * twice at once. Rows of a day whose partition is missing wait in the default one and move when it is made.
 * telemetry_raw (PartitionsService) and the airspace tables (AirspacePartitionsService) are kept by subclasses.
 */
export abstract class DailyPartitionKeeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private failing = false;

  protected constructor(
    private readonly prisma: PrismaService,
    private readonly keeping: DailyPartitionKeeping,
  ) {}

  private get logger(): Logger {
    return this.keeping.logger;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.running = true;
    await this.run();
  }

  onApplicationShutdown(): void {
    this.running = false;
    clearTimeout(this.timer);
  }

  /** One run, then the next one scheduled: in an hour, or sooner when this one failed. */
  private async run(): Promise<void> {
    let nextMs = HOUR_MS;
    try {
      await this.maintain();
      if (this.failing) this.logger.log('partition maintenance recovered');
      this.failing = false;
    } catch (err) {
      nextMs = this.keeping.retryMs ?? RETRY_MS;
      this.logger.warn(`partition maintenance failed (retrying in ${nextMs / 1000} s): ${(err as Error).message}`);
      this.failing = true;
    }
    if (!this.running) return;
    this.timer = setTimeout(() => void this.run(), nextMs);
    this.timer.unref();
  }

  /** Creates the partitions due and drops the expired ones, for every table; returns what it did. */
  async maintain(nowMs = Date.now()): Promise<{ created: string[]; dropped: string[] }> {
    const client = await this.prisma.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [this.keeping.lockKey]);
      const created: string[] = [];
      const dropped: string[] = [];
      const today = dayStart(nowMs);
      const cutoff = today - this.keeping.retentionDays * DAY_MS;
      for (const { table, timeColumn } of this.keeping.tables) {
        const existing = new Set(await this.list(table, client));
        for (let day = today - DAY_MS; day <= today + this.keeping.aheadDays * DAY_MS; day += DAY_MS) {
          const name = partitionName(table, day);
          if (existing.has(name)) continue;
          await this.create(client, table, timeColumn, name, day);
          created.push(name);
        }
        for (const name of existing) {
          const m = namePattern(table).exec(name)!;
          if (Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) + DAY_MS <= cutoff) {
            await client.query(`DROP TABLE "${name}"`);
            dropped.push(name);
          }
        }
        await client.query(`DELETE FROM "${table}_default" WHERE "${timeColumn}" < $1`, [new Date(cutoff)]);
      }
      if (created.length || dropped.length) this.logger.log(`partitions: created ${created.join(', ') || 'none'}; dropped ${dropped.join(', ') || 'none'}`);
      return { created, dropped };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [this.keeping.lockKey]).catch(() => undefined);
      client.release();
    }
  }

  /** Names of a table's daily partitions that exist now (the first table's by default), oldest first. */
  async list(table = this.keeping.tables[0].table, client: Pick<pg.ClientBase, 'query'> = this.prisma.pool): Promise<string[]> {
    const { rows } = await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = $1::regclass`,
      [table],
    );
    const pattern = namePattern(table);
    return rows.map((r) => r.name).filter((n) => pattern.test(n)).sort();
  }

  /**
   * A new daily partition. Rows the default partition already holds for that day (late or early clocks) move
   * into it in the same transaction, since PostgreSQL refuses a partition whose rows sit in the default one.
   */
  private async create(client: pg.PoolClient, table: string, timeColumn: string, name: string, dayMs: number): Promise<void> {
    const from = new Date(dayMs).toISOString();
    const to = new Date(dayMs + DAY_MS).toISOString();
    await client.query('BEGIN');
    try {
      await client.query(`CREATE TABLE "${name}" (LIKE "${table}" INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
      await client.query(
        `WITH moved AS (DELETE FROM "${table}_default" WHERE "${timeColumn}" >= $1 AND "${timeColumn}" < $2 RETURNING *) INSERT INTO "${name}" SELECT * FROM moved`,
        [from, to],
      );
      await client.query(`ALTER TABLE "${table}" ATTACH PARTITION "${name}" FOR VALUES FROM ('${from}') TO ('${to}')`);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK');
      throw err;
    }
  }
}
