import { createServer, type Server } from 'node:http';
import { MISSION_SIGNATURE_HEADER, MISSION_TIMESTAMP_HEADER, type MissionIntentDto } from '@wingxtra/contracts';
import { verifyMissionEvent } from '@wingxtra/contracts/node';
import { BRIDGE_SECRET } from './delivery-app.js';

/** A real local GCS bridge: answers each intent with the next scripted status (then the last one forever). */
export class BridgeServer {
  readonly received: MissionIntentDto[] = [];
  /** Whether each received intent carried a valid signature (see verifyMissionEvent). */
  readonly signed: boolean[] = [];
  private server: Server | null = null;
  url = '';

  constructor(
    private readonly script: number[] = [202],
    private readonly secret = BRIDGE_SECRET,
  ) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const intent = JSON.parse(body) as MissionIntentDto;
        this.received.push(intent);
        const h = (name: string) => req.headers[name] as string | undefined;
        this.signed.push(verifyMissionEvent(this.secret, h(MISSION_TIMESTAMP_HEADER), h(MISSION_SIGNATURE_HEADER), intent.intent_id, body));
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
