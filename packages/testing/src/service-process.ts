import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { sleep } from './http.js';
import { freePort } from './ports.js';

export interface ServiceProcessOptions {
  /** The workspace package whose built `main` runs, e.g. '@wingxtra/delivery-service': resolved from the current
   * directory when the package running the tests depends on it, else found in the workspace (two services that
   * test against each other cannot depend on each other: their builds would form a cycle). */
  packageName: string;
  /** The service's environment (PATH is added; PORT and HOST are set by start() unless given here). */
  env: Record<string, string>;
  /** A script of the package (relative to its folder) run to completion first, e.g. 'dist/database/migrate.cli.js'. */
  before?: string;
  /** The path that answers 200 once the service is ready. */
  readyPath?: string;
  /** Where the child's stdout and stderr go (default 'ignore-stdout': stdout ignored, stderr inherited). */
  stdio?: 'ignore-stdout' | 'inherit' | 'ignore' | 'pipe';
  startTimeoutMs?: number;
}

/**
 * A real, built service in a child process on a port of its own: the way tests and benchmarks run a service
 * as it runs in production (its own process, its own environment), so they can also kill it.
 */
export class ServiceProcess {
  child: ChildProcess | null = null;
  url = '';
  port = 0;
  readonly packageDir: string;
  private readonly main: string;

  constructor(readonly options: ServiceProcessOptions) {
    this.main = resolveMain(options.packageName);
    this.packageDir = dirname(dirname(this.main));
  }

  async start(): Promise<this> {
    const o = this.options;
    this.port = Number(o.env.PORT ?? (await freePort()));
    this.url = `http://127.0.0.1:${this.port}`;
    const env = { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', ...o.env, PORT: String(this.port) };
    if (o.before) {
      const r = spawnSync(process.execPath, [join(this.packageDir, o.before)], { env, encoding: 'utf8', timeout: 60_000 });
      if (r.status !== 0) throw new Error(`${o.packageName}: ${o.before} exited with ${r.status}: ${r.stderr || r.stdout}`);
    }
    const stdio = o.stdio ?? 'ignore-stdout';
    this.child = spawn(process.execPath, [this.main], {
      env,
      stdio: stdio === 'ignore-stdout' ? ['ignore', 'ignore', 'inherit'] : ['ignore', stdio, stdio],
    });
    // A test run that ends abruptly (a failed beforeAll, process.exit) must not leave the service running.
    const child = this.child;
    const reap = () => child.kill('SIGKILL');
    process.once('exit', reap);
    child.once('exit', () => process.off('exit', reap));
    const until = Date.now() + (o.startTimeoutMs ?? 30_000);
    for (;;) {
      try {
        if ((await fetch(`${this.url}${o.readyPath ?? '/readyz'}`)).status === 200) return this;
      } catch {
        /* not listening yet */
      }
      if (this.child.exitCode !== null) throw new Error(`${o.packageName} exited with ${this.child.exitCode}; was it built?`);
      if (Date.now() > until) throw new Error(`${o.packageName} did not become ready at ${this.url}`);
      await sleep(100);
    }
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Stops the process with the signal (SIGTERM: a clean shutdown; SIGKILL: a crash) and waits for it to exit. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const c = this.child;
    if (!c || !this.running) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill(signal);
    await exited;
  }
}

/** The built entry point of a workspace package: by Node's resolution, or by its place in the workspace. */
function resolveMain(packageName: string): string {
  try {
    return createRequire(join(process.cwd(), 'package.json')).resolve(packageName);
  } catch {
    for (let dir = process.cwd(); dir !== dirname(dir); dir = dirname(dir)) {
      if (!existsSync(join(dir, 'pnpm-workspace.yaml'))) continue;
      for (const group of ['apps', 'packages']) {
        if (!existsSync(join(dir, group))) continue;
        for (const name of readdirSync(join(dir, group))) {
          const manifest = join(dir, group, name, 'package.json');
          if (!existsSync(manifest)) continue;
          const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; main?: string };
          if (pkg.name === packageName && pkg.main) return join(dir, group, name, pkg.main);
        }
      }
    }
    throw new Error(`${packageName} is neither a dependency of ${process.cwd()} nor a package of its workspace`);
  }
}
