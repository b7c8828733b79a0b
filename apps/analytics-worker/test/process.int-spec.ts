import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

const dist = (file: string) => fileURLToPath(new URL(`../dist/${file}`, import.meta.url));
const run = (file: string, env: Record<string, string>) => spawnSync(process.execPath, [dist(file)], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 20_000 });

describe('the built worker as a process', () => {
  it('refuses to start on a bad environment, naming every problem, with exit code 78', () => {
    const r = run('main.js', { DATABASE_URL: 'mysql://nope', RETENTION_DAYS: '0', HISTORY_CONCURRENCY: '64' });
    expect(r.status).toBe(78);
    const log = JSON.parse(r.stderr.trim().split('\n').pop()!);
    expect(log.level).toBe('fatal');
    expect(log.problems).toEqual(
      expect.arrayContaining([
        'REDIS_URL is required (the Redis fleet-api hands history off through, e.g. redis://localhost:6379/0)',
        'JWT_SECRET is required (the secret delivery-service signs tokens with)',
        'DATABASE_URL must be a postgresql:// URL',
      ]),
    );
    expect(log.problems.some((p: string) => p.startsWith('RETENTION_DAYS'))).toBe(true);
    expect(log.problems.some((p: string) => p.startsWith('HISTORY_CONCURRENCY'))).toBe(true);
  });

  it('migrate exits 1 with the reason when the database cannot be reached', () => {
    const r = run('database/migrate.cli.js', { DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/nowhere' });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stderr.trim()).message).toMatch(/ECONNREFUSED/);
  });
});
