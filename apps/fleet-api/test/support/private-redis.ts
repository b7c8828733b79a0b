import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort } from '@wingxtra/testing';

/**
 * A real redis-server of this test's own on a free port, so a test can stop and restart Redis without
 * disturbing the shared server other tests use.
 */
export class PrivateRedis {
  private process: ChildProcess | null = null;
  port = 0;

  get url(): string {
    return `redis://127.0.0.1:${this.port}/0`;
  }

  async start(): Promise<void> {
    if (!this.port) this.port = await freePort();
    const bin = process.env.REDIS_SERVER_BIN ?? 'redis-server';
    this.process = spawn(bin, ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    const client = new Redis(this.url, { lazyConnect: true, retryStrategy: () => 50, maxRetriesPerRequest: null });
    const until = Date.now() + 10_000;
    for (;;) {
      try {
        await client.connect();
        await client.ping();
        break;
      } catch (err) {
        if (Date.now() > until) throw new Error(`redis-server (${bin}) did not start on port ${this.port}: ${(err as Error).message}`);
        client.disconnect();
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    client.disconnect();
  }

  /** Kills the server outright, as a crash would. */
  async kill(): Promise<void> {
    const p = this.process;
    if (!p || p.exitCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGKILL');
    await exited;
    this.process = null;
  }
}
