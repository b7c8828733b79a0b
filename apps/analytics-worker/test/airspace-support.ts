import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackServer } from '@wingxtra/testing';

/** How the fake kit answers. */
export type KitMode =
  /** Detections on every endpoint (a Remote ID drone, an ADS-B aircraft, an FPV signal, system status). */
  | 'data'
  /** Answers, but nothing detected and no system status (DragonSync's 503 when its status provider is away). */
  | 'empty'
  /** Takes each request and drops the connection without an answer (the kit's API process hung up). */
  | 'reset'
  /** HTTP 500 everywhere. */
  | 'error'
  /** Never answers (the client's timeout ends it). */
  | 'hang';

export interface KitRequest {
  path: string;
  at: number;
}

/**
 * A fake WarDragon detection kit: a real HTTP server on loopback serving DragonSync's /drones, /signals and
 * /status. `stop()` closes it (connections refused) and `start()` brings it back on the same port.
 */
export class FakeKit {
  mode: KitMode = 'data';
  readonly requests: KitRequest[] = [];
  /** The drone's position; move it to make it an intruder somewhere else. */
  drone = { id: 'drone-1581F5FJD228A00DB7Q1', lat: 5.6102, lon: -0.1805 };
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

  count(path: string): number {
    return this.requests.filter((r) => r.path === path).length;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0];
    this.requests.push({ path, at: Date.now() });
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    switch (this.mode) {
      case 'reset':
        req.socket.destroy();
        return;
      case 'hang':
        return;
      case 'error':
        return json(500, { error: 'drones unavailable' });
      case 'empty':
        if (path === '/drones') return json(200, { drones: [] });
        if (path === '/signals') return json(200, { signals: [] });
        if (path === '/status') return json(503, { error: 'system status unavailable' });
        return json(404, {});
      case 'data':
        if (path === '/drones') return json(200, { drones: this.tracks() });
        if (path === '/signals') return json(200, { signals: [fpvSignal()] });
        if (path === '/status') return json(200, systemStatus());
        return json(404, {});
    }
  }

  private tracks(): unknown[] {
    const now = Date.now() / 1000;
    return [
      {
        id: this.drone.id, id_type: 'Serial Number (ANSI/CTA-2063-A)', ua_type: 2, ua_type_name: 'Helicopter (or Multirotor)',
        operator_id: 'GHA-OP-77231', direction: 127.0, timestamp: '', observed_at: now, lat: this.drone.lat, lon: this.drone.lon,
        alt: 152.3, height: 88.0, speed: 12.4, vspeed: -0.5, pilot_lat: 5.6001, pilot_lon: -0.1799, home_lat: 0.0, home_lon: 0.0,
        description: 'DJI Mavic 3', mac: '60:60:1f:aa:bb:cc', rssi: -67, freq: 2437000000,
        rid: { make: 'DJI', model: 'Mavic 3', source: 'faa', lookup_success: true }, last_update_time: now, track_type: 'drone',
      },
      {
        id: 'adsb-3c6444', track_type: 'aircraft', hex: '3C6444', lat: 5.652, lon: -0.221, alt: 3500, ground_speed: 180.0, track: 274.5,
        squawk: '7000', flight: 'DLH572  ', on_ground: false, last_update_time: now, source: 'adsb',
      },
    ];
  }
}

function fpvSignal(): unknown {
  return {
    uid: 'fpv-alert-5800MHz', signal_type: 'fpv', source: 'fpv-confirm', center_hz: 5800000000, bandwidth_hz: 8000000, rssi: -48.5,
    lat: 5.60005, lon: -0.18008, alt: 40, observed_at: Date.now() / 1000,
  };
}

function systemStatus(): unknown {
  return {
    uid: 'wardragon-WD123', lat: 5.6037, lon: -0.187, alt: 61.2, cpu_usage: 23.5, memory_total: 8000, memory_available: 6000,
    disk_total: 100000, disk_used: 25000, temperature: 51.2, uptime: 7200, pluto_temp: '48.1', zynq_temp: 'N/A', gps_fix: true,
    last_update_time: Date.now() / 1000,
  };
}
