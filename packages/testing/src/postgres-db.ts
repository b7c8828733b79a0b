import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL server the tests use: TEST_DATABASE_URL, else DATABASE_URL, else the local one. */
export const TEST_POSTGRES_BASE = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  name: string;
  /** An outage of this database only: closed, it refuses new connections and its open ones are cut; open again. */
  setReachable(open: boolean): Promise<void>;
  drop(): Promise<void>;
}

/** Runs statements on the server's maintenance database. */
async function asAdmin(run: (admin: pg.Client) => Promise<unknown>): Promise<void> {
  const admin = new pg.Client({ connectionString: urlFor('postgres') });
  await admin.connect();
  try {
    await run(admin);
  } finally {
    await admin.end();
  }
}

function urlFor(name: string): string {
  const url = new URL(TEST_POSTGRES_BASE);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A new, empty database with a unique name for one test file (the server is shared and never assumed
 * empty). drop() removes it, closing any connection still open.
 */
export async function createTestDatabase(prefix = 'wx_test'): Promise<TestDatabase> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: urlFor('postgres') });
  try {
    await admin.connect();
  } catch (err) {
    throw new Error(`PostgreSQL is not reachable at ${TEST_POSTGRES_BASE}: ${(err as Error).message}. Start it (see README).`);
  }
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  return {
    url: urlFor(name),
    name,
    setReachable: (open) =>
      asAdmin(async (admin) => {
        await admin.query(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS ${open}`);
        if (!open) await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
      }),
    drop: () => asAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
  };
}
