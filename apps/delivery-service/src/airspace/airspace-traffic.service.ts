import { Injectable, Logger } from '@nestjs/common';
import { AirspaceApiClient, type AirspaceTrackDto } from '@wingxtra/contracts';
import { TokenService } from '@wingxtra/service-kit';
import { DeliveryConfig } from '../config/delivery-config.js';
import { DronesRepository } from '../dispatch/drones.repository.js';

/** An aircraft or drone the kits see that is not one of ours. */
export type Intruder = Pick<AirspaceTrackDto, 'track_id' | 'kind' | 'source' | 'kit_id' | 'serial' | 'callsign' | 'lat' | 'lon' | 'alt_m' | 'last_seen'>;

/**
 * What the airspace gate knows: the traffic that is not ours (`known`), or why it cannot tell (analytics-worker
 * unreachable or refusing), which the gate treats as unsafe.
 */
export type AirspacePicture = { known: true; intruders: Intruder[] } | { known: false; reason: string };

/**
 * Reads the traffic from analytics-worker's airspace tracks API (ANALYTICS_API_URL) with a short-lived OPS
 * token signed with the shared JWT_SECRET, keeps tracks seen within AIRSPACE_TRACK_MAX_AGE_S, and leaves out our
 * own drones: tracks whose id (or Remote ID serial) is a drone id of the registry. Without ANALYTICS_API_URL the
 * gate is off (`enabled` false).
 */
@Injectable()
export class AirspaceTrafficService {
  private readonly logger = new Logger('Airspace');
  private readonly client: AirspaceApiClient | null;
  private unreachable = false;

  constructor(
    private readonly config: DeliveryConfig,
    private readonly tokens: TokenService,
    private readonly drones: DronesRepository,
  ) {
    this.client = config.ANALYTICS_API_URL ? new AirspaceApiClient({ baseUrl: config.ANALYTICS_API_URL, timeoutMs: 3000 }) : null;
  }

  get enabled(): boolean {
    return this.client !== null;
  }

  /** The current picture, read fresh (a dispatch run and a watch check read it once each); never throws. */
  async picture(): Promise<AirspacePicture> {
    if (!this.client) return { known: true, intruders: [] };
    try {
      const token = await this.tokens.sign({ sub: 'system:delivery-service', role: 'OPS' }, '5m');
      const since = new Date(Date.now() - this.config.AIRSPACE_TRACK_MAX_AGE_S * 1000);
      const [tracks, registry] = await Promise.all([this.client.getTracks({ since }, token), this.drones.list()]);
      const ours = new Set(registry.map((d) => d.droneId));
      if (this.unreachable) this.logger.log('airspace traffic readable again from analytics-worker');
      this.unreachable = false;
      return {
        known: true,
        intruders: tracks.tracks
          .filter((t) => !ours.has(t.track_id) && !(t.serial !== null && ours.has(t.serial)))
          .map(({ track_id, kind, source, kit_id, serial, callsign, lat, lon, alt_m, last_seen }) => ({ track_id, kind, source, kit_id, serial, callsign, lat, lon, alt_m, last_seen })),
      };
    } catch (err) {
      const reason = `airspace traffic unknown (analytics-worker at ${this.config.ANALYTICS_API_URL}: ${(err as Error).message})`;
      if (!this.unreachable) this.logger.warn(`${reason}; launches near any route are held until it answers`);
      this.unreachable = true;
      return { known: false, reason };
    }
  }
}
