import { createServer, type Server } from 'node:http';
import { MISSION_SIGNATURE_HEADER, MISSION_TIMESTAMP_HEADER, type MissionEventType, type MissionIntentDto } from '@wingxtra/contracts';
import { signMissionEvent, verifyMissionEvent } from '@wingxtra/contracts/node';

/**
 * A tiny GCS bridge: accepts delivery-service's signed mission intents (202) and reports the mission's
 * progress back as HMAC-signed events, as the real bridge does (docs/mission-intent.md).
 */
export class GcsBridge {
  readonly intents: MissionIntentDto[] = [];
  private server: Server | null = null;
  private eventNo = 0;
  url = '';
  deliveryUrl = '';

  constructor(private readonly secret: string) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const intent = JSON.parse(body) as MissionIntentDto;
        const h = (n: string) => req.headers[n] as string | undefined;
        if (!verifyMissionEvent(this.secret, h(MISSION_TIMESTAMP_HEADER), h(MISSION_SIGNATURE_HEADER), intent.intent_id, body)) {
          res.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"bad signature"}');
          return;
        }
        this.intents.push(intent);
        res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ accepted: intent.intent_id }));
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
    return this;
  }

  /**
   * Posts one signed mission event to delivery-service; returns its answer. A 409 (the order changed meanwhile,
   * say by the telemetry sweep) or 503 is sent again with the same event_id, as docs/mission-intent.md asks of a
   * bridge, up to 5 times.
   */
  async report(intentId: string, type: MissionEventType, position?: { lat: number; lng: number; alt_m?: number }): Promise<{ status: number; body: unknown }> {
    const body = JSON.stringify({ event_id: `e2e-${++this.eventNo}`, type, at: new Date().toISOString(), ...(position ? { position } : {}) });
    for (let attempt = 1; ; attempt++) {
      const ts = Math.floor(Date.now() / 1000);
      const res = await fetch(`${this.deliveryUrl}/api/v1/missions/${intentId}/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [MISSION_TIMESTAMP_HEADER]: String(ts), [MISSION_SIGNATURE_HEADER]: signMissionEvent(this.secret, ts, intentId, body) },
        body,
      });
      const answer = { status: res.status, body: (await res.json()) as unknown };
      if ((res.status !== 409 && res.status !== 503) || attempt === 5) return answer;
      await new Promise((r) => setTimeout(r, 100 * attempt));
    }
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((r) => this.server?.close(r));
  }
}
