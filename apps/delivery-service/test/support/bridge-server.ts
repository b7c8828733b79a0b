import { createServer, type Server } from 'node:http';
import type { MissionIntentDto } from '@wingxtra/contracts';

/** A real local GCS bridge: answers each intent with the next scripted status (then the last one forever). */
export class BridgeServer {
  readonly received: MissionIntentDto[] = [];
  private server: Server | null = null;
  url = '';

  constructor(private readonly script: number[] = [202]) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        this.received.push(JSON.parse(body) as MissionIntentDto);
        const status = this.script[Math.min(this.received.length - 1, this.script.length - 1)];
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ status }));
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise((r) => this.server?.close(r));
  }
}
