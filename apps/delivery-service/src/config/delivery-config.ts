import 'reflect-metadata';
import { plainToInstance, Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { ConfigError, describeValidationErrors, envBool, pickEnv, ServiceConfig } from '@wingxtra/service-kit';

export { ConfigError };

/**
 * delivery-service's environment, validated once at start-up. Nothing else in the service reads process.env.
 * Policy values (energy, battery reserve, radii) are here so operations can tune them without a release.
 */
export class DeliveryConfig extends ServiceConfig {
  override PORT = 8001;

  @IsString() @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgresql:// URL' })
  DATABASE_URL!: string;

  /** Prefix of this service's BullMQ keys, so services and test runs sharing a Redis never meet. */
  @IsString() @Matches(/^[A-Za-z0-9:_-]{1,64}$/)
  QUEUE_PREFIX = 'wx-delivery';

  /** fleet-api: live drone state, and the drone registry and geofences (read with a service token, see src/auth/). */
  @IsString() @Matches(/^https?:\/\//, { message: 'FLEET_API_URL must be an http(s) URL' })
  FLEET_API_URL = 'http://localhost:8000';

  /** How long a read of fleet-api's drone list and geofences is reused (dispatch, order validation, the airspace gate). */
  @Type(() => Number) @IsInt() @Min(0) @Max(60_000)
  FLEET_REGISTRY_CACHE_MS = 2000;

  /**
   * While fleet-api's registry cannot be read, order validation (payload, geofences) and GET /service-areas go on
   * with the last good copy for at most this long, then answer 503. Dispatch never uses such a copy.
   */
  @Type(() => Number) @IsNumber() @Min(0) @Max(86_400)
  FLEET_REGISTRY_STALE_MAX_S = 300;

  /** HS256 key for the bearer tokens; at least 32 characters. */
  @IsString() @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET!: string;

  @IsString() @Matches(/^https?:\/\//, { message: 'GCS_BRIDGE_URL must be an http(s) URL' })
  GCS_BRIDGE_URL = 'http://localhost:8003';

  /** Shared secret the bridge signs mission events with (HMAC-SHA256). */
  @IsString() @MinLength(16, { message: 'GCS_BRIDGE_SECRET must be at least 16 characters' })
  GCS_BRIDGE_SECRET!: string;

  @Type(() => Number) @IsNumber() @Min(0.1)
  GCS_BRIDGE_TIMEOUT_S = 5;

  @Type(() => Number) @IsInt() @Min(0)
  GCS_BRIDGE_MAX_RETRIES = 5;

  @Type(() => Number) @IsNumber() @Min(0)
  GCS_BRIDGE_RETRY_BACKOFF_S = 1;

  /** Submit the mission intent as soon as dispatch assigns a drone (otherwise OPS submits it). */
  @Transform(envBool) @IsBoolean()
  AUTO_SUBMIT_MISSION = false;

  // Dispatch policy
  /** A drone counts as online when fleet-api heard from it within this many seconds. */
  @Type(() => Number) @IsNumber() @Min(1)
  ONLINE_WITHIN_S = 30;

  /** Battery percent one kilometre of flight uses (the energy model's single parameter). */
  @Type(() => Number) @IsNumber() @Min(0)
  ENERGY_PCT_PER_KM = 4;

  /** Battery percent that must remain after drone → pickup → dropoff → home. */
  @Type(() => Number) @IsNumber() @Min(0) @Max(100)
  BATTERY_MIN_PCT = 25;

  /** Speed used for time-to-pickup and ETAs when the drone reports none. */
  @Type(() => Number) @IsNumber() @Min(0.1)
  CRUISE_SPEED_MPS = 15;

  @Type(() => Number) @IsNumber() @Min(1)
  DISPATCH_INTERVAL_S = 10;

  /** Orders one dispatch run considers at most. */
  @Type(() => Number) @IsInt() @Min(1)
  DISPATCH_BATCH = 2000;

  // Mission shape
  @Type(() => Number) @IsNumber() @Min(5) @Max(500)
  CRUISE_ALT_M = 60;

  @Type(() => Number) @IsNumber() @Min(0) @Max(120)
  DELIVERY_ALT_M = 15;

  /** The mission-intent contract allows 0 to 3600. */
  @Type(() => Number) @IsInt() @Min(0) @Max(3600)
  LOITER_TIMEOUT_S = 120;

  // Live progress
  @Type(() => Number) @IsNumber() @Min(0.2)
  PROGRESS_INTERVAL_S = 2;

  /** Within this distance of the dropoff the drone has ARRIVED. */
  @Type(() => Number) @IsNumber() @Min(1)
  ARRIVAL_RADIUS_M = 30;

  /** A failed or aborted job re-queues its order (as a new job) up to this many attempts in all. */
  @Type(() => Number) @IsInt() @Min(1)
  MAX_DELIVERY_ATTEMPTS = 2;

  // Proof of delivery
  @IsString()
  POD_STORAGE_DIR = './var/pod';

  @Type(() => Number) @IsNumber() @Min(1)
  POD_MAX_DISTANCE_M = 50;

  @Type(() => Number) @IsInt() @Min(1024)
  POD_MAX_FILE_BYTES = 5 * 1024 * 1024;

  @Type(() => Number) @IsInt() @Min(1)
  OTP_MAX_ATTEMPTS = 5;

  // Public tracking
  @Type(() => Number) @IsInt() @Min(1)
  TRACKING_RATE_LIMIT_PER_MIN = 60;

  /** Tracking links answer 410 this many hours after the order closed. */
  @Type(() => Number) @IsNumber() @Min(1)
  TRACKING_EXPIRES_AFTER_H = 72;

  // Airspace gate
  /** analytics-worker, whose airspace tracks API feeds the airspace gate; unset turns the gate off. */
  @IsOptional() @IsString() @Matches(/^https?:\/\//, { message: 'ANALYTICS_API_URL must be an http(s) URL' })
  ANALYTICS_API_URL?: string;

  /** An aircraft not ours within this distance of a delivery's route holds its launch and alerts an active one. */
  @Type(() => Number) @IsNumber() @Min(10) @Max(50_000)
  AIRSPACE_ALERT_RADIUS_M = 1000;

  /** Tracks last seen longer ago than this no longer count as traffic. */
  @Type(() => Number) @IsNumber() @Min(1) @Max(3600)
  AIRSPACE_TRACK_MAX_AGE_S = 30;

  /** How often active deliveries are checked against the traffic (processes with RUN_WORKERS). */
  @Type(() => Number) @IsNumber() @Min(0.2)
  AIRSPACE_CHECK_INTERVAL_S = 5;

  /** Run the BullMQ workers and repeatable jobs in this process (turn off for API-only replicas). */
  @Transform(envBool) @IsBoolean()
  RUN_WORKERS = true;
}

const REQUIRED: Record<string, string> = {
  DATABASE_URL: 'DATABASE_URL is required (for example postgresql://postgres@127.0.0.1:5432/wingxtra_delivery)',
  REDIS_URL: 'REDIS_URL is required (for example redis://localhost:6379/0)',
  JWT_SECRET: 'JWT_SECRET is required (32+ random characters; tokens are signed with it)',
  GCS_BRIDGE_SECRET: 'GCS_BRIDGE_SECRET is required (the secret the GCS bridge signs mission events with)',
};

/** Reads and checks the environment; throws ConfigError naming every bad value at once. */
export function loadDeliveryConfig(env: NodeJS.ProcessEnv): DeliveryConfig {
  const known = [...Object.keys(new DeliveryConfig()), ...Object.keys(REQUIRED)];
  const input = pickEnv(env, known);
  const config = plainToInstance(DeliveryConfig, input);
  const missing = Object.keys(REQUIRED).filter((k) => !input[k]);
  const problems = [...missing.map((k) => REQUIRED[k]), ...describeValidationErrors(validateSync(config).filter((e) => !missing.includes(e.property)))];
  if (problems.length > 0) throw new ConfigError([...new Set(problems)]);
  return config;
}
