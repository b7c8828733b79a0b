#!/usr/bin/env node
// The two commands a newcomer needs (see README): `npm start` and `npm test`.
// Both bootstrap pnpm (the version pinned in package.json), install with the lockfile and build; then
// `start` runs the whole platform against the local Redis and PostgreSQL (started with Docker when they are not
// reachable and Docker is there) with the simulated fleet flying demo deliveries, and `test` runs every
// package's tests against them. Plain Node, no dependencies: it runs before install.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
    // The drone registry's migrations first (creating the database when missing), then the server.
    before: 'dist/database/migrate.cli.js',
    main: 'dist/main.js',
    // Development values only; secrets are generated per machine, never written in code.
    defaults: () => ({
      API_KEY: `dev-ingest-${randomBytes(12).toString('hex')}`,
      ADMIN_API_KEY: `dev-admin-${randomBytes(12).toString('hex')}`,
      DATABASE_URL: process.env.DATABASE_URL_FLEET ?? 'postgresql://postgres@127.0.0.1:5432/wingxtra_fleet',
      DRONE_KEY_SECRET: randomBytes(32).toString('hex'),
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0',
      PORT: '8000',
      ALLOWED_ORIGINS: 'http://localhost:5173',
    }),
    // The registry takes delivery-service's tokens: its JWT_SECRET, read from its file at every start.
    inherit: () => ({ JWT_SECRET: readEnvFile(join(root, 'apps/delivery-service/.env')).JWT_SECRET }),
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
      // The airspace gate reads traffic from analytics-worker (launches wait the few seconds until it is up).
      ANALYTICS_API_URL: 'http://127.0.0.1:8002',
      PORT: '8001',
      // Reached through the web server on this machine, which appends the customer's address to
      // X-Forwarded-For (the tracking rate limit counts per customer, not per proxy).
      HOST: '127.0.0.1',
      TRUST_PROXY: 'true',
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
  {
    name: 'simulator',
    dir: 'apps/simulator',
    main: 'dist/main.js',
    // The simulated fleet, the GCS bridge delivery-service publishes to, and the demo driver (docs/simulator.md).
    defaults: () => ({
      FLEET_API_URL: 'http://127.0.0.1:8000',
      DELIVERY_API_URL: 'http://127.0.0.1:8001',
      PORT: '8003',
      SIM_DRONES: '10',
      // Four times real time: a delivery of a kilometre takes about half a minute to watch.
      SIM_TIME_SCALE: '4',
      SIM_V2_DRONES: '3',
      SIM_V2_HZ: '10',
      SIM_ORDER_INTERVAL_S: '4',
      SIM_FAULTS: 'gps_glitch:0.05,link_loss:0.03,low_battery:0.02',
    }),
    // Secrets are not copied into its file: they are read from the services' own files at every start.
    inherit: () => {
      const fleet = readEnvFile(join(root, 'apps/fleet-api/.env'));
      const delivery = readEnvFile(join(root, 'apps/delivery-service/.env'));
      return { FLEET_API_KEY: fleet.API_KEY, GCS_BRIDGE_SECRET: delivery.GCS_BRIDGE_SECRET, JWT_SECRET: delivery.JWT_SECRET };
    },
  },
  {
    name: 'web',
    dir: 'apps/web',
    main: 'dist/server/main.js',
    readyPath: '/healthz',
    defaults: () => ({
      PORT: '8080',
      FLEET_API_URL: 'http://127.0.0.1:8000',
      DELIVERY_API_URL: 'http://127.0.0.1:8001',
      ANALYTICS_API_URL: 'http://127.0.0.1:8002',
    }),
  },
];

/** Where `npm start` sends each service's output (the console gets warnings, errors and the summary). */
const logFile = (svc) => join(root, svc.dir, 'var', 'log', 'npm-start.log');
/** Children still running this long after SIGTERM get SIGKILL. */
const STOP_TIMEOUT_MS = 10_000;
/** The demo logins `npm start` prints; the merchant is the one the simulator's demo driver orders as. */
const DEMO_LOGINS = [
  { label: 'merchant', args: ['--role', 'MERCHANT', '--sub', 'merchant-demo', '--merchant', 'demo-merchant'] },
  { label: 'ops', args: ['--role', 'OPS', '--sub', 'ops-demo'] },
  { label: 'admin', args: ['--role', 'ADMIN', '--sub', 'admin-demo'] },
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

function serverUrls(forTests) {
  // The tests use TEST_REDIS_URL when set (see apps/fleet-api/test/support/test-redis.ts).
  const redisUrl = (forTests && process.env.TEST_REDIS_URL) || process.env.REDIS_URL || 'redis://127.0.0.1:6379/0';
  const databaseUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  return { redisUrl, databaseUrl };
}

async function missingServers(forTests) {
  const { redisUrl, databaseUrl } = serverUrls(forTests);
  const missing = [];
  if (!(await reachable(redisUrl, 6379))) missing.push(`Redis 7 at ${redisUrl} (set REDIS_URL)`);
  if (!(await reachable(databaseUrl, 5432))) missing.push(`PostgreSQL 15+ at ${databaseUrl} (set DATABASE_URL)`);
  return missing;
}

async function requireServers(forTests) {
  const missing = await missingServers(forTests);
  if (missing.length > 0) {
    console.error(`\n✗ Required servers are not reachable:\n  - ${missing.join('\n  - ')}\n` +
      'Start them (see README: "Servers"), or run infra/docker-compose.yml where Docker is available.');
    process.exit(2);
  }
}

const DEV_SERVERS_COMPOSE = 'infra/docker-compose.dev-servers.yml';

/**
 * For `npm start`: Redis and PostgreSQL must answer. When they do not and a Docker engine is there, starts the
 * two of infra/docker-compose.dev-servers.yml on 127.0.0.1:6379 and :5432 and waits for them; otherwise says
 * exactly what to run.
 */
async function ensureServers() {
  let missing = await missingServers(false);
  if (missing.length === 0) return;
  const docker = spawnSync('docker', ['info'], { stdio: 'ignore' });
  if (!docker.error && docker.status === 0) {
    console.log(`→ ${missing.join(' and ')} not reachable: starting them with Docker (${DEV_SERVERS_COMPOSE})`);
    must('docker', ['compose', '-f', DEV_SERVERS_COMPOSE, 'up', '-d', '--wait'], 'docker compose up');
    for (let i = 0; i < 60 && missing.length > 0; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      missing = await missingServers(false);
    }
    if (missing.length === 0) return;
  }
  console.error(`\n✗ Required servers are not reachable:\n  - ${missing.join('\n  - ')}\n
Start them, then run npm start again. Any one of:
  - with Docker:          docker compose -f ${DEV_SERVERS_COMPOSE} up -d   (${docker.error || docker.status !== 0 ? 'no Docker engine answers here' : 'it did not come up'})
  - on Debian or Ubuntu:  sudo apt-get install -y postgresql redis-server
                          sudo service postgresql start && sudo service redis-server start
                          sudo -u postgres psql -c "ALTER USER postgres PASSWORD NULL" (or set DATABASE_URL to a user who may CREATE DATABASE)
  - on macOS (Homebrew):  brew install postgresql@15 redis && brew services start postgresql@15 && brew services start redis
  - servers elsewhere:    REDIS_URL=redis://host:6379/0 DATABASE_URL=postgresql://user:pass@host:5432/postgres npm start
    (on a first run DATABASE_URL_DELIVERY and DATABASE_URL_ANALYTICS name the two services' databases; see README "Environment")`);
  process.exit(2);
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

/** Writes a service's .env on first run; later runs keep it and only add the variables it lacks. */
function prepareEnvFile(svc) {
  const envFile = join(root, svc.dir, '.env');
  const defaults = svc.defaults();
  if (!existsSync(envFile)) {
    const lines = Object.entries(defaults).map(([k, v]) => `${k}=${v}`);
    writeFileSync(envFile, `# Written by npm start on first run (development only; not committed).\n${lines.join('\n')}\n`);
    console.log(`→ wrote ${svc.dir}/.env (development settings and generated keys)`);
    return;
  }
  const present = readEnvFile(envFile);
  const added = Object.entries(defaults).filter(([k]) => !(k in present));
  if (added.length > 0) {
    appendFileSync(envFile, `# Added by npm start (a variable this version needs).\n${added.map(([k, v]) => `${k}=${v}`).join('\n')}\n`);
    console.log(`→ added ${added.map(([k]) => k).join(', ')} to ${svc.dir}/.env`);
  }
}

function portOf(svc) {
  return Number(readEnvFile(join(root, svc.dir, '.env')).PORT ?? svc.defaults().PORT);
}

async function waitReady(svc, child, timeoutMs = 90_000) {
  const url = `http://127.0.0.1:${portOf(svc)}${svc.readyPath ?? '/readyz'}`;
  for (const until = Date.now() + timeoutMs; Date.now() < until; ) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2000) })).ok) return true;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

/** A service's output goes to its log file; lines on stderr (errors) also to the console, named. */
function launch(svc, env) {
  mkdirSync(dirname(logFile(svc)), { recursive: true });
  const log = createWriteStream(logFile(svc), { flags: 'a' });
  log.write(`\n--- npm start ${new Date().toISOString()} ---\n`);
  const child = spawn(process.execPath, [join(root, svc.dir, svc.main)], { stdio: ['ignore', 'pipe', 'pipe'], env, cwd: join(root, svc.dir) });
  child.stdout.pipe(log, { end: false });
  let pending = '';
  child.stderr.on('data', (chunk) => {
    log.write(chunk);
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop();
    for (const line of lines) if (line.trim()) console.error(`[${svc.name}] ${line}`);
  });
  child.once('exit', () => log.end());
  return child;
}

function mintLogin(args) {
  const r = spawnSync(process.execPath, ['dist/auth/mint-token.cli.js', ...args, '--ttl', '12h'], { cwd: join(root, 'apps/delivery-service'), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`mint-token failed: ${r.stderr || r.stdout}`);
  return r.stdout.trim();
}

/** Polls the simulator until its demo driver has seen a delivery through to DELIVERED, and says so (once). */
async function reportFirstDelivery(upAt, stopping) {
  const url = `http://127.0.0.1:${portOf(SERVICES.find((s) => s.name === 'simulator'))}/stats`;
  while (!stopping()) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
      if (res.ok && (await res.json()).driver.proofsRecorded > 0) {
        console.log(`✓ the first delivery of this run reached DELIVERED ${Math.round((Date.now() - upAt) / 1000)} s after the services were up; more follow every few seconds`);
        return;
      }
    } catch {
      /* busy or restarting: try again */
    }
    await new Promise((r) => setTimeout(r, 2000));
  }
}

async function start(args) {
  // --skip-build: straight to the servers, for a restart right after a build.
  if (!args.includes('--skip-build')) installAndBuild(pnpmCommand());
  await ensureServers();
  for (const svc of SERVICES) prepareEnvFile(svc);
  const busy = [];
  for (const svc of SERVICES) if (await reachable(`http://127.0.0.1:${portOf(svc)}`, portOf(svc))) busy.push(`${svc.name}'s port ${portOf(svc)}`);
  if (busy.length > 0) {
    console.error(`\n✗ In use already: ${busy.join(', ')}. Is another npm start running? Stop it, or change PORT in the app's .env.`);
    process.exit(2);
  }

  const children = [];
  let stopping = false;
  const stopAll = (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n→ stopping (${signal}): SIGTERM to every service, SIGKILL after ${STOP_TIMEOUT_MS / 1000} s`);
    for (const { child } of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    setTimeout(() => {
      for (const { svc, child } of children) {
        if (child.exitCode === null && child.signalCode === null) {
          console.error(`✗ ${svc.name} did not stop within ${STOP_TIMEOUT_MS / 1000} s: SIGKILL`);
          child.kill('SIGKILL');
        }
      }
    }, STOP_TIMEOUT_MS).unref();
  };
  process.on('SIGINT', () => stopAll('SIGINT'));
  process.on('SIGTERM', () => stopAll('SIGTERM'));

  for (const svc of SERVICES) {
    if (stopping) break;
    const env = { ...process.env, ...readEnvFile(join(root, svc.dir, '.env')), ...(svc.inherit?.() ?? {}) };
    if (svc.before) {
      const r = spawnSync(process.execPath, [join(root, svc.dir, svc.before)], { stdio: 'inherit', env, cwd: join(root, svc.dir) });
      if (r.status !== 0) {
        console.error(`\n✗ ${svc.name}: ${svc.before} failed (exit ${r.status})`);
        stopAll('a failed migration');
        process.exitCode = r.status ?? 1;
        break;
      }
    }
    console.log(`→ starting ${svc.name} on :${portOf(svc)} (log: ${logFile(svc).slice(root.length + 1)})`);
    const child = launch(svc, env);
    children.push({ svc, child });
    child.once('exit', (code, signal) => {
      if (stopping) return;
      console.error(`\n✗ ${svc.name} exited (${signal ?? `code ${code}`}); see ${logFile(svc).slice(root.length + 1)}. Stopping the others.`);
      process.exitCode = 1;
      stopAll('a service exited');
    });
  }

  const ready = await Promise.all(children.map(({ svc, child }) => waitReady(svc, child)));
  if (!stopping && ready.every(Boolean)) {
    const upAt = Date.now();
    const logins = DEMO_LOGINS.map(({ label, args }) => ({ label, token: mintLogin(args) }));
    const web = `http://localhost:${portOf(SERVICES.find((s) => s.name === 'web'))}`;
    console.log(`
✓ Wingxtra is running. Open ${web}

  Sign in with one click (development tokens, valid 12 h):
${logins.map(({ label, token }) => `    ${label.padEnd(9)}${web}/login#token=${token}`).join('\n')}

  The simulator flies ${readEnvFile(join(root, 'apps/simulator/.env')).SIM_DRONES ?? 10} drones and the demo merchant orders a delivery every few seconds.
  APIs: fleet-api :8000, delivery-service :8001, analytics-worker :8002 (docs at /docs); GCS bridge :8003.
  Logs: apps/<app>/var/log/npm-start.log. Ctrl-C stops everything.
`);
    void reportFirstDelivery(upAt, () => stopping);
  } else if (!stopping) {
    const late = children.filter((_, i) => !ready[i]).map(({ svc }) => svc.name);
    console.error(`\n✗ not ready in time: ${late.join(', ')} (see their logs). Stopping.`);
    process.exitCode = 1;
    stopAll('services not ready');
  }
  await Promise.all(children.map(({ child }) => (child.exitCode !== null || child.signalCode !== null ? null : new Promise((r) => child.once('exit', r)))));
  process.exit(process.exitCode ?? 0);
}

/**
 * The web app's browser tests drive Debian's Chromium (playwright-core cannot download browsers here): installed
 * with apt-get when missing and this is root on Debian, else a clear message of what to do.
 */
function ensureChromium() {
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (existsSync(chromium)) return;
  const isRoot = process.getuid?.() === 0;
  const apt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status === 0;
  if (!isRoot || !apt) {
    console.error(`✗ Chromium is missing at ${chromium} and cannot be installed here (needs root and apt-get): install it with 'apt-get install -y chromium', or point CHROMIUM_PATH at a Chromium binary`);
    process.exit(2);
  }
  console.log(`→ Chromium not found at ${chromium}: installing it (apt-get install -y chromium)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (run('apt-get', ['update', '-qq'], { env }) !== 0 || run('apt-get', ['install', '-y', '-qq', 'chromium'], { env }) !== 0 || !existsSync(chromium)) {
    console.error(`✗ apt-get could not install chromium at ${chromium}; the web app's browser tests need it (or set CHROMIUM_PATH)`);
    process.exit(2);
  }
}

async function test() {
  ensureChromium();
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
if (command === 'start') await start(process.argv.slice(3));
else if (command === 'test') await test();
else {
  console.error('usage: node scripts/platform.mjs start [--skip-build] | test');
  process.exit(64);
}
