import { Injectable, Logger } from '@nestjs/common';
import { AirspaceApiClient, type AirspaceTrackDto } from '@wingxtra/contracts';
import { DeliveryConfig } from '../config/delivery-config.js';
import { ServiceTokenProvider } from '../auth/service-token.provider.js';
import { describeFleetFailure, FleetRegistryGateway } from '../fleet/fleet-registry.gateway.js';

/** An aircraft or drone the kits see that is not one of ours. */
export type Intruder = Pick<AirspaceTrackDto, 'track_id' | 'kind' | 'source' | 'kit_id' | 'serial' | 'callsign' | 'lat' | 'lon' | 'alt_m' | 'last_seen'>;

/**
 * What the airspace gate knows: the traffic that is not ours (`known`), or why it cannot tell (analytics-worker
 * unreachable or refusing), which the gate treats as unsafe.
 */
export type AirspacePicture = { known: true; intruders: Intruder[] } | { known: false; reason: string };

/**
 * Reads the traffic from analytics-worker's airspace tracks API (ANALYTICS_API_URL) with delivery-service's
 * service token (src/auth/), keeps tracks seen within AIRSPACE_TRACK_MAX_AGE_S, and leaves out our own drones:
 * tracks whose id (or Remote ID serial) is a drone id of fleet-api's registry (the gateway's copy; while neither
 * the registry nor a recent copy can be read, the picture is unknown). Without ANALYTICS_API_URL the gate is off
 * (`enabled` false).
 */
@Injectable()
export class AirspaceTrafficService {
  private readonly logger = new Logger('Airspace');
  private readonly client: AirspaceApiClient | null;
  private unreachable = false;
  private oursUnknown = false;

  constructor(
    private readonly config: DeliveryConfig,
    private readonly tokens: ServiceTokenProvider,
    private readonly registry: FleetRegistryGateway,
  ) {
    this.client = config.ANALYTICS_API_URL ? new AirspaceApiClient({ baseUrl: config.ANALYTICS_API_URL, timeoutMs: 3000 }) : null;
  }

  get enabled(): boolean {
    return this.client !== null;
  }

  /** The current picture, read fresh (a dispatch run and a watch check read it once each); never throws. */
  async picture(): Promise<AirspacePicture> {
    if (!this.client) return { known: true, intruders: [] };
    const since = new Date(Date.now() - this.config.AIRSPACE_TRACK_MAX_AGE_S * 1000);
    const [tracks, ours] = await Promise.allSettled([this.tokens.token().then((token) => this.client!.getTracks({ since }, token)), this.registry.ourDroneIds()]);
    if (ours.status === 'rejected') {
      const reason = `airspace traffic unknown (our own drones cannot be told apart: ${describeFleetFailure(ours.reason)})`;
      if (!this.oursUnknown) this.logger.warn(`${reason}; launches near any route are held until fleet-api's registry answers`);
      this.oursUnknown = true;
      return { known: false, reason };
    }
    this.oursUnknown = false;
    if (tracks.status === 'rejected') {
      const reason = `airspace traffic unknown (analytics-worker at ${this.config.ANALYTICS_API_URL}: ${(tracks.reason as Error).message})`;
      if (!this.unreachable) this.logger.warn(`${reason}; launches near any route are held until it answers`);
      this.unreachable = true;
      return { known: false, reason };
    }
    if (this.unreachable) this.logger.log('airspace traffic readable again from analytics-worker');
    this.unreachable = false;
    return {
      known: true,
      intruders: tracks.value.tracks
        .filter((t) => !ours.value.has(t.track_id) && !(t.serial !== null && ours.value.has(t.serial)))
        .map(({ track_id, kind, source, kit_id, serial, callsign, lat, lon, alt_m, last_seen }) => ({ track_id, kind, source, kit_id, serial, callsign, lat, lon, alt_m, last_seen })),
    };
  }
}
