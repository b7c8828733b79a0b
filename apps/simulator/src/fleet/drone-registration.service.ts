import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ApiClientError, FleetRegistryClient } from '@wingxtra/contracts';
import { TokenService } from '@wingxtra/service-kit';
import { SimulatorConfig } from '../config/simulator-config.js';
import { DroneKeys } from './drone-keys.js';
import { FleetService } from './fleet.service.js';

/** How often drones still without a key of their own are registered again (fleet-api away, a key revoked). */
const RETRY_MS = 10_000;

/**
 * Gives every simulated drone its own fleet-api key: registers it in fleet-api's drone registry (POST
 * /api/v1/drones as ADMIN, with a token signed with JWT_SECRET) and keeps the key it gets, which fleet-api shows
 * only once, in SIM_DRONE_KEYS_FILE; a drone registered before whose key was lost gets a new one by rotation.
 * Drones send the fleet-wide FLEET_API_KEY until then. A fleet-api without the registry (404) is left alone.
 */
@Injectable()
export class DroneRegistrationService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DroneRegistry');
  private readonly client: FleetRegistryClient;
  private readonly tokens: TokenService | null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  /** false once fleet-api has said it has no registry. */
  available = true;

  constructor(
    private readonly config: SimulatorConfig,
    private readonly fleet: FleetService,
    private readonly keys: DroneKeys,
  ) {
    this.client = new FleetRegistryClient({ baseUrl: config.fleetApiUrls[0], timeoutMs: 10_000 });
    this.tokens = config.JWT_SECRET && config.SIM_REGISTER_DRONES ? new TokenService(config.JWT_SECRET) : null;
  }

  onApplicationBootstrap(): void {
    if (!this.tokens) return;
    const loop = async () => {
      this.running = this.registerMissing().then(
        () => undefined,
        (err: Error) => this.logger.warn(`registration paused, retrying in ${RETRY_MS / 1000} s: ${err.message}`),
      );
      await this.running;
      if (this.available && this.tokens) this.timer = setTimeout(() => void loop(), RETRY_MS);
    };
    void loop();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.available = false;
    await this.running;
  }

  /** Registers (or re-keys) every drone that has no key of its own yet. */
  async registerMissing(): Promise<number> {
    const missing = this.fleet.drones.filter((d) => !this.keys.has(d.id));
    if (missing.length === 0 || !this.tokens || !this.available) return 0;
    this.client.token = await this.tokens.sign({ sub: 'sim:registrar', role: 'ADMIN' }, '10m');
    let done = 0;
    for (const drone of missing) {
      let key: string;
      try {
        const n = Number(drone.id.slice(this.config.SIM_DRONE_PREFIX.length));
        const registered = await this.client.registerDrone({
          drone_id: drone.id,
          name: `Simulated ${drone.airframe.name} #${n}`,
          type: drone.airframe.name === 'WX-H6' ? 'hexacopter' : 'quadcopter',
          max_payload_kg: drone.airframe.maxPayloadKg,
          home: { lat: drone.home.lat, lon: drone.home.lng },
          notes: 'Simulated by @wingxtra/simulator',
        });
        key = registered.api_key;
      } catch (err) {
        if (!(err instanceof ApiClientError)) throw err;
        if (err.status === 404) {
          this.available = false;
          this.logger.log('fleet-api has no drone registry: the drones keep the fleet-wide key');
          return done;
        }
        if (err.status !== 409) throw err;
        // Registered by an earlier run whose key file is gone: a new key replaces the old one at once.
        key = (await this.client.rotateKey(drone.id, { grace_s: 0 })).api_key;
      }
      this.keys.set(drone.id, key);
      done++;
    }
    this.logger.log(`${done} drone(s) registered in fleet-api with keys of their own (kept in ${this.config.SIM_DRONE_KEYS_FILE})`);
    return done;
  }
}
