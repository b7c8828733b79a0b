import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/**
 * A service's prisma/migrations, found by walking up from one of its modules (pass import.meta.url), so it
 * works from src/, dist/ and dist-bench/src/ alike.
 */
export function findMigrationsDir(fromModuleUrl: string): string {
  let dir = dirname(fileURLToPath(fromModuleUrl));
  while (dir !== dirname(dir)) {
    if (existsSync(join(dir, 'prisma', 'migrations'))) return join(dir, 'prisma', 'migrations');
    dir = dirname(dir);
  }
  throw new Error(`cannot find prisma/migrations above ${fileURLToPath(fromModuleUrl)}`);
}

/** pg_advisory_lock key every migrate run takes (per database, so services never wait on each other). */
const LOCK_KEY = 7_331_004_211;

export interface MigrationResult {
  applied: string[];
  alreadyApplied: string[];
}

/**
 * Creates the database named in the URL when it does not exist (connecting to the server's `postgres`
 * database to do so). Safe when several processes race to create it.
 */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!name) throw new Error('DATABASE_URL names no database');
  url.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return;
    try {
      await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    } catch (err) {
      if ((err as { code?: string }).code !== '42P04') throw err; // created meanwhile by another process
    }
  } finally {
    await admin.end();
  }
}

/**
 * Applies pending migrations from prisma/migrations in name order, each in its own transaction, under an
 * advisory lock, recording them in Prisma's `_prisma_migrations` table with the file's sha256 checksum, as
 * `prisma migrate deploy` does. Works without Prisma's native schema engine, which cannot be downloaded
 * everywhere. Refuses to run when an applied migration's file has changed since.
 */
export async function migrate(databaseUrl: string, dir: string, log: (m: string) => void = () => {}): Promise<MigrationResult> {
  await ensureDatabase(databaseUrl);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(
      'SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    const done = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    const result: MigrationResult = { applied: [], alreadyApplied: [] };
    for (const name of listMigrations(dir)) {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      const checksum = createHash('sha256').update(sql).digest('hex');
      const applied = done.get(name);
      if (applied !== undefined) {
        if (applied !== checksum) throw new Error(`Migration ${name} was changed after it was applied (checksum differs); add a new migration instead`);
        result.alreadyApplied.push(name);
        continue;
      }
      await client.query('BEGIN');
      try {
        await client.query(sql);
        await client.query(
          'INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)',
          [randomUUID(), checksum, name],
        );
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`Migration ${name} failed and was rolled back: ${(err as Error).message}`);
      }
      log(`applied migration ${name}`);
      result.applied.push(name);
    }
    return result;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

function listMigrations(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort();
}

/**
 * A service's `pnpm migrate` (and the first step of its `start`): applies `dir` to DATABASE_URL, logging JSON
 * lines; exits 78 without DATABASE_URL and 1 when a migration fails.
 */
export async function runMigrateCli(dir: string): Promise<void> {
  const log = (level: string, message: string) => (level === 'fatal' ? console.error : console.log)(JSON.stringify({ level, context: 'Migrate', message }));
  const url = process.env.DATABASE_URL;
  if (!url) {
    log('fatal', 'DATABASE_URL is required');
    process.exit(78);
  }
  try {
    const { applied, alreadyApplied } = await migrate(url, dir, (m) => log('log', m));
    log('log', `database up to date: ${applied.length} applied now, ${alreadyApplied.length} before`);
  } catch (err) {
    log('fatal', (err as Error).message);
    process.exit(1);
  }
}
