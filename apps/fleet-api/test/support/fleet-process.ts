import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN_KEY, DRONE_KEY_SECRET, INGEST_KEY, JWT_SECRET, sleep } from './fleet-app.js';
import { freePort } from '@wingxtra/testing';

/** dist/main.js of this package, found from here whether running from source (Jest) or compiled (bench). */
function builtMain(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (dir !== dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === '@wingxtra/fleet-api') return join(dir, 'dist', 'main.js');
    dir = dirname(dir);
  }
  throw new Error('cannot find the @wingxtra/fleet-api package');
}

export const MAIN = builtMain();

/**
 * The built fleet-api (dist/main.js) in a child process, so a test can kill -9 it. With DATABASE_URL in env the
 * registry is on (migrate the database first), else REGISTRY_ENABLED=false.
 */
export class FleetProcess {
  private child: ChildProcess | null = null;
  url = '';

  /** nodeArgs go before the script, e.g. --cpu-prof for a benchmark. */
  constructor(
    private readonly env: Record<string, string>,
    private readonly nodeArgs: string[] = [],
  ) {}

  async start(): Promise<void> {
    const port = await freePort();
    this.url = `http://127.0.0.1:${port}`;
    this.child = spawn(process.execPath, [...this.nodeArgs, MAIN], {
      env: {
        PATH: process.env.PATH,
        API_KEY: INGEST_KEY,
        ADMIN_API_KEY: ADMIN_KEY,
        LOG_LEVEL: 'ERROR',
        HOST: '127.0.0.1',
        PORT: String(port),
        ...(this.env.DATABASE_URL ? { DRONE_KEY_SECRET, JWT_SECRET } : { REGISTRY_ENABLED: 'false' }),
        ...this.env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const until = Date.now() + 20_000;
    for (;;) {
      try {
        if ((await fetch(`${this.url}/readyz`)).status === 200) return;
      } catch {
        /* not listening yet */
      }
      if (this.child.exitCode !== null) throw new Error(`fleet-api exited with ${this.child.exitCode}; was it built (pnpm build)?`);
      if (Date.now() > until) throw new Error('fleet-api did not become ready');
      await sleep(100);
    }
  }

  /** Sends the signal and resolves with the exit code (null when the signal ended the process). */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<number | null> {
    const c = this.child;
    if (!c || c.exitCode !== null) return c?.exitCode ?? null;
    const exited = new Promise<number | null>((r) => c.once('exit', (code) => r(code)));
    c.kill(signal);
    return exited;
  }
}
