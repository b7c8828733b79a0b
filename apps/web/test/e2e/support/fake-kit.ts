import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackServer } from '@wingxtra/testing';

export interface KitTrack {
  /** DragonSync's id: `drone-<serial>` for Remote ID, `adsb-<icao>` for aircraft. */
  id: string;
  kind: 'drone' | 'aircraft';
  lat: number;
  lon: number;
  heading: number;
}

/**
 * A detection kit on loopback answering DragonSync's /drones, /signals and /status with the tracks it is given,
 * for the real analytics-worker to poll. `stop()` closes it (the kit goes offline), `start()` brings it back.
 */
export class FakeKit {
  tracks: KitTrack[] = [];
  requests = 0;
  private readonly server = new LoopbackServer((req, res) => this.handle(req, res));

  get url(): string {
    return this.server.url;
  }

  async start(): Promise<this> {
    await this.server.start();
    return this;
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    this.requests++;
    const now = Date.now() / 1000;
    const json = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/drones') {
      return json({
        drones: this.tracks.map((t) =>
          t.kind === 'aircraft'
            ? { id: t.id, track_type: 'aircraft', hex: t.id.replace(/^adsb-/, '').toUpperCase(), lat: t.lat, lon: t.lon, alt: 3500, ground_speed: 180, track: t.heading, flight: 'DLH572  ', on_ground: false, last_update_time: now, source: 'adsb' }
            : {
                id: t.id, id_type: 'Serial Number (ANSI/CTA-2063-A)', ua_type: 2, operator_id: 'GHA-OP-77231', direction: t.heading, observed_at: now, lat: t.lat, lon: t.lon,
                alt: 152.3, speed: 12.4, rssi: -67, last_update_time: now, track_type: 'drone',
              },
        ),
      });
    }
    if (path === '/signals') return json({ signals: [] });
    if (path === '/status') return json({ uid: 'wardragon-E2E', lat: 5.6037, lon: -0.187, cpu_usage: 20, temperature: 45, uptime: 3600, gps_fix: true, last_update_time: now });
    res.writeHead(404).end();
  }
}
