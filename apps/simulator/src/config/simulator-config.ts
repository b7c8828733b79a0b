import 'reflect-metadata';
import { plainToInstance, Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { ConfigError, describeValidationErrors, envBool, pickEnv } from '@wingxtra/service-kit';
import { parseFaults, type FaultSpec } from '../model/faults.js';

export { ConfigError };

/**
 * The simulator's environment, validated once at start-up (nothing else reads process.env). It is a development
 * and load-testing tool: it holds delivery-service's JWT_SECRET to act as the demo merchant and operator.
 */
export class SimulatorConfig {
  // The GCS bridge endpoint delivery-service publishes intents to (its GCS_BRIDGE_URL).
  @Type(() => Number) @IsInt() @Min(0) @Max(65535)
  PORT = 8003;

  @IsString()
  HOST = '0.0.0.0';

  @Transform(({ value }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @IsIn(['DEBUG', 'INFO', 'WARNING', 'WARN', 'ERROR'])
  LOG_LEVEL = 'INFO';

  /**
   * fleet-api; several comma-separated URLs spread the drones over them (drone i reports to the (i mod n)-th, as a
   * load balancer would; the soak benchmark runs two replicas without one). Registration uses the first.
   */
  @IsString()
  FLEET_API_URL = 'http://localhost:8000';

  /** fleet-api's fleet-wide API_KEY: what a drone sends as X-API-Key until it has a key of its own. */
  @IsOptional() @IsString() @MinLength(8, { message: 'FLEET_API_KEY must be at least 8 characters (fleet-api refuses shorter keys)' })
  FLEET_API_KEY?: string;

  /** Register each drone in fleet-api's drone registry (as ADMIN, with JWT_SECRET) and send its own key. */
  @Transform(envBool) @IsBoolean()
  SIM_REGISTER_DRONES = true;

  @IsString() @Matches(/^https?:\/\//, { message: 'DELIVERY_API_URL must be an http(s) URL' })
  DELIVERY_API_URL = 'http://localhost:8001';

  /** delivery-service's GCS_BRIDGE_SECRET: intents arrive signed with it, events leave signed with it. */
  @IsString() @MinLength(16, { message: 'GCS_BRIDGE_SECRET must be at least 16 characters' })
  GCS_BRIDGE_SECRET!: string;

  /** delivery-service's JWT_SECRET, for the demo driver's merchant and operator tokens (needed with SIM_DEMO). */
  @IsOptional() @IsString() @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  // The fleet
  @Type(() => Number) @IsInt() @Min(1) @Max(5000)
  SIM_DRONES = 10;

  /** Drone ids are this prefix and a three-digit (or longer) number: WX-SIM-001, WX-SIM-002, ... */
  @IsString() @Matches(/^[A-Z0-9_-]{1,56}$/, { message: 'SIM_DRONE_PREFIX must be up to 56 characters of A-Z, 0-9, - or _' })
  SIM_DRONE_PREFIX = 'WX-SIM-';

  /** v1 packets per second per drone (the DroneEngage plugin sends 2 to 5). */
  @Type(() => Number) @IsNumber() @Min(0.2) @Max(10)
  SIM_HZ = 4;

  /** How many of the drones (the first ones) send v2 packets, in batches, instead of v1. */
  @Type(() => Number) @IsInt() @Min(0)
  SIM_V2_DRONES = 0;

  /** v2 readings per second per v2 drone. */
  @Type(() => Number) @IsNumber() @Min(1) @Max(200)
  SIM_V2_HZ = 50;

  /** A v2 drone posts its readings every this many milliseconds (fleet-api allows RATE_LIMIT_RPS requests a second). */
  @Type(() => Number) @IsInt() @Min(100) @Max(5000)
  SIM_V2_BATCH_MS = 250;

  /** Simulation seconds per wall-clock second: 4 flies a 4-minute delivery in a minute. Telemetry rates stay wall-clock. */
  @Type(() => Number) @IsNumber() @Min(0.1) @Max(100)
  SIM_TIME_SCALE = 1;

  /** Seed of the random choices (faults, orders, wobble); unset draws one. */
  @IsOptional() @Type(() => Number) @IsInt()
  SIM_SEED?: number;

  /** The hub: the drones' pads and the merchant's pickup. */
  @Type(() => Number) @IsNumber() @Min(-90) @Max(90)
  SIM_HUB_LAT = 5.6037;

  @Type(() => Number) @IsNumber() @Min(-180) @Max(180)
  SIM_HUB_LNG = -0.187;

  /** Faults per mission: comma-separated kind:probability (link_loss, gps_glitch, low_battery), e.g. link_loss:0.05. */
  @IsString()
  SIM_FAULTS = '';

  /** A drone whose link is down this long applies the intent's lost_link_behavior. */
  @Type(() => Number) @IsNumber() @Min(1)
  SIM_LOST_LINK_TIMEOUT_S = 10;

  /** Time on the pad after a landing (battery swap, loading), simulation seconds. */
  @Type(() => Number) @IsNumber() @Min(0)
  SIM_TURNAROUND_S = 20;

  // The demo driver
  /** Create orders and complete their proofs of delivery, so deliveries finish by themselves. */
  @Transform(envBool) @IsBoolean()
  SIM_DEMO = true;

  /** Wall-clock seconds between new orders. */
  @Type(() => Number) @IsNumber() @Min(0.1)
  SIM_ORDER_INTERVAL_S = 5;

  /** At most this many of the driver's orders open at once; unset: one per drone. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  SIM_MAX_OPEN_ORDERS?: number;

  @IsString() @Matches(/^[A-Za-z0-9._:-]{1,64}$/, { message: 'SIM_MERCHANT_ID must be 1 to 64 characters of A-Z, a-z, 0-9, . _ : -' })
  SIM_MERCHANT_ID = 'demo-merchant';

  /** Radius of the service area the driver creates around the hub when none contains it, metres. */
  @Type(() => Number) @IsNumber() @Min(100) @Max(100_000)
  SIM_AREA_RADIUS_M = 3000;

  /** Dropoffs are drawn within this distance of the hub (and inside the service area), metres. */
  @Type(() => Number) @IsNumber() @Min(50) @Max(100_000)
  SIM_MAX_DELIVERY_RADIUS_M = 1200;

  /** Wall-clock seconds between a drone's companion-computer heartbeats to fleet-api's registry; 0 sends none. */
  @Type(() => Number) @IsNumber() @Min(0)
  SIM_HEARTBEAT_S = 15;

  /** Where per-drone fleet-api keys are kept across runs (JSON, created when missing). */
  @IsString()
  SIM_DRONE_KEYS_FILE = './var/drone-keys.json';

  faults: FaultSpec[] = [];

  /** FLEET_API_URL split into its URLs. */
  fleetApiUrls: string[] = [];
}

const REQUIRED: Record<string, string> = {
  GCS_BRIDGE_SECRET: "GCS_BRIDGE_SECRET is required (delivery-service's GCS_BRIDGE_SECRET: intents and events are signed with it)",
};

/** Reads and checks the environment; throws ConfigError naming every bad value at once. */
export function loadSimulatorConfig(env: NodeJS.ProcessEnv): SimulatorConfig {
  const known = [...Object.keys(new SimulatorConfig()).filter((k) => k !== 'faults' && k !== 'fleetApiUrls'), ...Object.keys(REQUIRED), 'FLEET_API_KEY', 'JWT_SECRET', 'SIM_SEED', 'SIM_MAX_OPEN_ORDERS'];
  const input = pickEnv(env, known);
  const config = plainToInstance(SimulatorConfig, input);
  const missing = Object.keys(REQUIRED).filter((k) => !input[k]);
  const problems = [...missing.map((k) => REQUIRED[k]), ...describeValidationErrors(validateSync(config).filter((e) => !missing.includes(e.property)))];
  config.fleetApiUrls = config.FLEET_API_URL.split(',').map((u) => u.trim()).filter(Boolean);
  if (config.fleetApiUrls.length === 0 || config.fleetApiUrls.some((u) => !/^https?:\/\/[^,\s]+$/.test(u))) problems.push('FLEET_API_URL must be an http(s) URL, or several separated by commas');
  try {
    config.faults = parseFaults(config.SIM_FAULTS);
  } catch (err) {
    problems.push(`SIM_FAULTS: ${(err as Error).message}`);
  }
  if (config.SIM_DEMO && !input.JWT_SECRET) problems.push("JWT_SECRET is required while SIM_DEMO is on (delivery-service's JWT_SECRET: the demo driver signs its merchant and operator tokens with it)");
  if (!input.FLEET_API_KEY && !(input.JWT_SECRET && config.SIM_REGISTER_DRONES)) {
    problems.push("FLEET_API_KEY is required (fleet-api's API_KEY, which the drones send as X-API-Key) unless they register for keys of their own (JWT_SECRET with SIM_REGISTER_DRONES=true)");
  }
  if (config.SIM_V2_DRONES > config.SIM_DRONES) problems.push(`SIM_V2_DRONES (${config.SIM_V2_DRONES}) cannot exceed SIM_DRONES (${config.SIM_DRONES})`);
  if (problems.length > 0) throw new ConfigError([...new Set(problems)]);
  return config;
}
