import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type pg from 'pg';
import { AnalyticsConfig } from '../config/analytics-config.js';
import { PrismaService } from '../database/prisma.service.js';

const DAY_MS = 86_400_000;
const LOCK_KEY = 7_331_004_213; // one maintainer at a time across replicas (telemetry_raw's upkeep uses ...212)

/** The range-partitioned airspace tables (column "time"). */
export const AIRSPACE_TABLES = ['airspace_tracks', 'airspace_signals', 'airspace_system_health'] as const;
export type AirspaceTable = (typeof AIRSPACE_TABLES)[number];

const dayStart = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;
const partitionName = (table: AirspaceTable, dayMs: number) => `${table}_p${new Date(dayMs).toISOString().slice(0, 10).replaceAll('-', '')}`;
const nameOf = (table: AirspaceTable) => new RegExp(`^${table}_p(\\d{4})(\\d{2})(\\d{2})$`);

/**
 * Keeps the airspace tables' daily partitions (UTC days) as telemetry_raw's are kept: from yesterday to
 * PARTITION_AHEAD_DAYS ahead they exist, and those wholly older than AIRSPACE_RETENTION_DAYS are dropped (with
 * the default partitions' rows of that age). At start and every hour, under an advisory lock.
 */
@Injectable()
export class AirspacePartitionsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AirspacePartitions');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly prisma: PrismaService,
    private readonly config: AnalyticsConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.maintain().catch((err: Error) => this.logger.warn(`airspace partition maintenance failed (retrying within the hour): ${err.message}`));
    this.timer = setInterval(() => void this.maintain().catch((err: Error) => this.logger.warn(`airspace partition maintenance failed: ${err.message}`)), 3600_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Creates the partitions due and drops the expired ones, for every airspace table; returns what it did. */
  async maintain(nowMs = Date.now()): Promise<{ created: string[]; dropped: string[] }> {
    const client = await this.prisma.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
      const created: string[] = [];
      const dropped: string[] = [];
      const today = dayStart(nowMs);
      const cutoff = today - this.config.AIRSPACE_RETENTION_DAYS * DAY_MS;
      for (const table of AIRSPACE_TABLES) {
        const existing = new Set(await this.list(table, client));
        for (let day = today - DAY_MS; day <= today + this.config.PARTITION_AHEAD_DAYS * DAY_MS; day += DAY_MS) {
          const name = partitionName(table, day);
          if (existing.has(name)) continue;
          await this.create(client, table, name, day);
          created.push(name);
        }
        for (const name of existing) {
          const m = nameOf(table).exec(name)!;
          if (Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) + DAY_MS <= cutoff) {
            await client.query(`DROP TABLE "${name}"`);
            dropped.push(name);
          }
        }
        await client.query(`DELETE FROM "${table}_default" WHERE time < $1`, [new Date(cutoff)]);
      }
      if (created.length || dropped.length) this.logger.log(`airspace partitions: created ${created.join(', ') || 'none'}; dropped ${dropped.join(', ') || 'none'}`);
      return { created, dropped };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
      client.release();
    }
  }

  /** Names of a table's daily partitions that exist now. */
  async list(table: AirspaceTable, client: Pick<pg.ClientBase, 'query'> = this.prisma.pool): Promise<string[]> {
    const { rows } = await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = $1::regclass`,
      [table],
    );
    return rows.map((r) => r.name).filter((n) => nameOf(table).test(n)).sort();
  }

  /** A new daily partition; the default partition's rows of that day move into it in the same transaction. */
  private async create(client: pg.PoolClient, table: AirspaceTable, name: string, dayMs: number): Promise<void> {
    const from = new Date(dayMs).toISOString();
    const to = new Date(dayMs + DAY_MS).toISOString();
    await client.query('BEGIN');
    try {
      await client.query(`CREATE TABLE "${name}" (LIKE "${table}" INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
      await client.query(`WITH moved AS (DELETE FROM "${table}_default" WHERE time >= $1 AND time < $2 RETURNING *) INSERT INTO "${name}" SELECT * FROM moved`, [from, to]);
      await client.query(`ALTER TABLE "${table}" ATTACH PARTITION "${name}" FOR VALUES FROM ('${from}') TO ('${to}')`);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK');
      throw err;
    }
  }
}
