import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real HTTP server on 127.0.0.1 for a fake peer (a detection kit, say) that a test takes down and brings back:
 * `stop()` closes it and every open connection (the peer refuses connections), `start()` listens again on the
 * same port, so the service under test keeps the URL it was given.
 */
export class LoopbackServer {
  port = 0;
  private server: Server | null = null;

  constructor(private readonly handler: (req: IncomingMessage, res: ServerResponse) => void) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.server = createServer(this.handler);
    this.server.listen(this.port, '127.0.0.1');
    await once(this.server, 'listening');
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (!s) return;
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
}

/** A detection kit as KITS_CONFIG lists it. */
export interface KitsConfigEntry {
  id: string;
  url: string;
  name?: string;
  location?: string;
  enabled?: boolean;
}

/** Writes analytics-worker's KITS_CONFIG (YAML) for the kits, or the raw text given, to a new temporary file; returns its path. */
export function writeKitsConfig(kits: KitsConfigEntry[], raw?: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'wx-kits-')), 'kits.yaml');
  const entry = (k: KitsConfigEntry) =>
    `  - id: ${k.id}\n    name: "${k.name ?? `Kit ${k.id}`}"\n    api_url: "${k.url}"\n    location: "${k.location ?? 'Accra test range'}"\n    enabled: ${k.enabled ?? true}\n`;
  writeFileSync(path, raw ?? `kits:\n${kits.map(entry).join('')}`);
  return path;
}
