import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

/**
 * A real local HTTP partner. Paths decide its behaviour: /ok answers 200, /flaky answers 500 to its
 * first `failFirst` requests then 200, /hang never answers, /reject answers 400.
 */
export class PartnerServer {
  readonly received: ReceivedRequest[] = [];
  private readonly server: Server;
  private readonly hanging: ServerResponse[] = [];
  private flakyCalls = 0;

  constructor(private readonly failFirst = 2) {
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        const path = req.url ?? '/';
        if (path.startsWith('/hang')) {
          this.hanging.push(res);
          this.received.push({ path, headers: req.headers, body: JSON.parse(raw) });
          return;
        }
        if (path.startsWith('/flaky') && ++this.flakyCalls <= this.failFirst) {
          res.writeHead(500).end('try later');
          return;
        }
        this.received.push({ path, headers: req.headers, body: JSON.parse(raw) });
        res.writeHead(path.startsWith('/reject') ? 400 : 200).end('{}');
      });
    });
  }

  get flakyAttempts(): number {
    return this.flakyCalls;
  }

  async start(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  bodiesAt(path: string): unknown[] {
    return this.received.filter((r) => r.path.startsWith(path)).map((r) => r.body);
  }

  async stop(): Promise<void> {
    this.hanging.forEach((res) => res.destroy());
    this.server.closeAllConnections();
    await new Promise((r) => this.server.close(r));
  }
}
