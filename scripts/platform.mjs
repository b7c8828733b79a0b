#!/usr/bin/env node
// The two commands a newcomer needs (see README): `npm start` and `npm test`.
// Both bootstrap pnpm (the version pinned in package.json), install with the lockfile and build; then
// `start` runs the services against the local Redis (and PostgreSQL, for services that need it), and
// `test` runs every package's tests against them. Plain Node, no dependencies: it runs before install.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const pnpmVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split('@')[1];

/** Services `npm start` runs, each from its built entry point, with its own .env (created on first start). */
const SERVICES = [
  {
    name: 'fleet-api',
    dir: 'apps/fleet-api',
    main: 'dist/main.js',
    // Development values only; secrets are generated per machine, never written in code.
    defaults: () => ({
      API_KEY: `dev-ingest-${randomBytes(12).toString('hex')}`,
      ADMIN_API_KEY: `dev-admin-${randomBytes(12).toString('hex')}`,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0',
      PORT: '8000',
      ALLOWED_ORIGINS: 'http://localhost:5173',
    }),
  },
  {
    name: 'delivery-service',
    dir: 'apps/delivery-service',
    // Migrations run first (creating the database when missing), then the server.
    before: 'dist/database/migrate.cli.js',
    main: 'dist/main.js',
    defaults: () => ({
      DATABASE_URL: process.env.DATABASE_URL_DELIVERY ?? 'postgresql://postgres@127.0.0.1:5432/wingxtra_delivery',
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0',
      FLEET_API_URL: 'http://127.0.0.1:8000',
      JWT_SECRET: randomBytes(32).toString('hex'),
      GCS_BRIDGE_SECRET: randomBytes(24).toString('hex'),
      GCS_BRIDGE_URL: 'http://127.0.0.1:8003',
      PORT: '8001',
      ALLOWED_ORIGINS: 'http://localhost:5173',
    }),
  },
  {
    name: 'analytics-worker',
    dir: 'apps/analytics-worker',
    before: 'dist/database/migrate.cli.js',
    main: 'dist/main.js',
    defaults: () => ({
      DATABASE_URL: process.env.DATABASE_URL_ANALYTICS ?? 'postgresql://postgres@127.0.0.1:5432/wingxtra_analytics',
      // fleet-api's Redis: its history hand-off arrives there.
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0',
      // Tokens come from delivery-service, so the secret must be its secret.
      JWT_SECRET: readEnvFile(join(root, 'apps/delivery-service/.env')).JWT_SECRET,
      DELIVERY_API_URL: 'http://127.0.0.1:8001',
      PORT: '8002',
      ALLOWED_ORIGINS: 'http://localhost:5173',
    }),
  },
];

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

function must(cmd, args, what) {
  const status = run(cmd, args);
  if (status !== 0) {
    console.error(`\n✗ ${what} failed (exit ${status})`);
    process.exit(status);
  }
}

/** pnpm at the pinned version: the one on PATH if it matches, else installed globally, else through npx. */
function pnpmCommand() {
  const onPath = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (onPath.status === 0 && onPath.stdout.trim() === pnpmVersion) return ['pnpm'];
  console.log(`→ installing pnpm ${pnpmVersion}`);
  if (run('npm', ['install', '--global', `pnpm@${pnpmVersion}`]) === 0) {
    const check = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
    if (check.status === 0 && check.stdout.trim() === pnpmVersion) return ['pnpm'];
  }
  return ['npx', '--yes', `pnpm@${pnpmVersion}`];
}

function reachable(url, defaultPort) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || defaultPort) });
    socket.setTimeout(2000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

async function requireServers(forTests) {
  // The tests use TEST_REDIS_URL when set (see apps/fleet-api/test/support/test-redis.ts).
  const redisUrl = (forTests && process.env.TEST_REDIS_URL) || process.env.REDIS_URL || 'redis://127.0.0.1:6379/0';
  const databaseUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const missing = [];
  if (!(await reachable(redisUrl, 6379))) missing.push(`Redis 7 at ${redisUrl} (set REDIS_URL)`);
  if (!(await reachable(databaseUrl, 5432))) missing.push(`PostgreSQL 15+ at ${databaseUrl} (set DATABASE_URL)`);
  if (missing.length > 0) {
    console.error(`\n✗ Required servers are not reachable:\n  - ${missing.join('\n  - ')}\n` +
      'Start them (see README: "Servers"), or run infra/docker-compose.yml where Docker is available.');
    process.exit(2);
  }
}

function installAndBuild(pnpm) {
  const frozen = process.env.CI || existsSync(join(root, 'pnpm-lock.yaml')) ? ['--frozen-lockfile'] : [];
  must(pnpm[0], [...pnpm.slice(1), 'install', ...frozen], 'install');
  must(pnpm[0], [...pnpm.slice(1), 'exec', 'turbo', 'run', 'build'], 'build');
}

function readEnvFile(file) {
  const env = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = line.match(/^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/);
    if (m) env[m[1]] = m[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return env;
}

async function start() {
  const pnpm = pnpmCommand();
  installAndBuild(pnpm);
  await requireServers();
  const children = SERVICES.map((svc) => {
    const envFile = join(root, svc.dir, '.env');
    if (!existsSync(envFile)) {
      const lines = Object.entries(svc.defaults()).map(([k, v]) => `${k}=${v}`);
      writeFileSync(envFile, `# Written by npm start on first run (development only; not committed).\n${lines.join('\n')}\n`);
      console.log(`→ wrote ${svc.dir}/.env with generated development keys`);
    }
    const env = { ...process.env, ...readEnvFile(envFile) };
    if (svc.before) {
      const r = spawnSync(process.execPath, [join(root, svc.dir, svc.before)], { stdio: 'inherit', env, cwd: join(root, svc.dir) });
      if (r.status !== 0) {
        console.error(`\n✗ ${svc.name}: ${svc.before} failed (exit ${r.status})`);
        process.exit(r.status ?? 1);
      }
    }
    console.log(`→ starting ${svc.name}`);
    return spawn(process.execPath, [join(root, svc.dir, svc.main)], { stdio: 'inherit', env, cwd: join(root, svc.dir) });
  });
  const stop = (signal) => children.forEach((c) => c.exitCode === null && c.kill(signal));
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  await Promise.all(children.map((c) => new Promise((r) => c.once('exit', r))));
}

async function test() {
  const pnpm = pnpmCommand();
  installAndBuild(pnpm);
  await requireServers(true);
  // One package at a time: the machine has two cores and the integration tests boot real servers.
  const child = spawn(pnpm[0], [...pnpm.slice(1), 'exec', 'turbo', 'run', 'test', '--concurrency=1', '--continue'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let passed = 0;
  let failed = 0;
  let pending = '';
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop();
    for (const line of lines) {
      const m = line.match(/Tests:\s+(?:(\d+) failed, )?(?:\d+ skipped, )?(?:(\d+) passed, )?\d+ total/);
      if (m) {
        failed += Number(m[1] ?? 0);
        passed += Number(m[2] ?? 0);
      }
    }
  });
  const code = await new Promise((r) => child.once('exit', r));
  console.log(`\nall packages: ${passed} passed, ${failed} failed`);
  process.exit(code === 0 && failed === 0 && passed > 0 ? 0 : 1);
}

const command = process.argv[2];
if (command === 'start') await start();
else if (command === 'test') await test();
else {
  console.error('usage: node scripts/platform.mjs start|test');
  process.exit(64);
}
