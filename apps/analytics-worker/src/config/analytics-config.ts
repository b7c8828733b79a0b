import 'reflect-metadata';
import { plainToInstance, Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { ConfigError, describeValidationErrors, envBool, pickEnv, ServiceConfig } from '@wingxtra/service-kit';
import { KitsConfigError, loadKitsConfig, type KitConfig } from '../airspace/kits-config.js';

export { ConfigError };

/** analytics-worker's environment, validated once at start-up. Nothing else in the service reads process.env. */
export class AnalyticsConfig extends ServiceConfig {
  override PORT = 8002;

  @IsString() @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgresql:// URL' })
  DATABASE_URL!: string;

  /** HS256 key of the bearer tokens (the same JWT_SECRET as delivery-service, which issues them). */
  @IsString() @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET!: string;

  /** Prefix of this service's own BullMQ queues (sessionizer, metrics). */
  @IsString() @Matches(/^[A-Za-z0-9:_-]{1,64}$/)
  QUEUE_PREFIX = 'wx-analytics';

  /** Prefix under which fleet-api's history hand-off queue lives (BullMQ's default). */
  @IsString() @Matches(/^[A-Za-z0-9:_-]{1,64}$/)
  HISTORY_QUEUE_PREFIX = 'bull';

  /** History batches stored at once by one process (each holds one of the pool's 10 connections). */
  @Type(() => Number) @IsInt() @Min(1) @Max(8)
  HISTORY_CONCURRENCY = 4;

  /** Raw telemetry older than this many days is dropped, a whole daily partition at a time. */
  @Type(() => Number) @IsInt() @Min(1)
  RETENTION_DAYS = 30;

  /** Daily partitions kept ready ahead of today. */
  @Type(() => Number) @IsInt() @Min(1) @Max(60)
  PARTITION_AHEAD_DAYS = 3;

  /** A telemetry gap longer than this ends a flight. */
  @Type(() => Number) @IsNumber() @Min(1)
  FLIGHT_GAP_S = 60;

  /** Idle (throttle < 5 %, or stationary on the ground) this long ends a flight. */
  @Type(() => Number) @IsNumber() @Min(1)
  FLIGHT_IDLE_S = 10;

  /** How soon after new telemetry a drone's sessionizer job runs (new packets within it share the job). */
  @Type(() => Number) @IsNumber() @Min(0.1)
  SESSIONIZE_DELAY_S = 5;

  /** Samples the sessionizer reads per pass (a longer backlog or flight is read in several passes). */
  @Type(() => Number) @IsInt() @Min(100)
  SESSIONIZE_PAGE_SAMPLES = 200_000;

  /** delivery-service, for the flight ↔ order link; unset leaves order_id empty. */
  @IsOptional() @IsString() @Matches(/^https?:\/\//, { message: 'DELIVERY_API_URL must be an http(s) URL' })
  DELIVERY_API_URL?: string;

  /** Run the BullMQ workers in this process (turn off for API-only replicas). */
  @Transform(envBool) @IsBoolean()
  RUN_WORKERS = true;

  /** YAML list of the detection kits the airspace collector polls; unset leaves the collector idle. */
  @IsOptional() @IsString()
  KITS_CONFIG?: string;

  /** Seconds between polls of a kit's /drones and /signals. */
  @Type(() => Number) @IsNumber() @Min(0.05)
  POLL_INTERVAL = 5;

  /** Seconds between polls of a kit's /status. */
  @Type(() => Number) @IsNumber() @Min(0.05)
  STATUS_POLL_INTERVAL = 30;

  /** Seconds one kit request may take. */
  @Type(() => Number) @IsNumber() @Min(0.05) @Max(120)
  REQUEST_TIMEOUT = 10;

  /** Retries of a kit request that timed out (linear delay between them). */
  @Type(() => Number) @IsInt() @Min(0) @Max(10)
  MAX_RETRIES = 3;

  /** Seconds to wait after a kit's first failed poll; doubled for each further one. */
  @Type(() => Number) @IsNumber() @Min(0.01)
  INITIAL_BACKOFF = 5;

  /** Longest wait between polls of a failing kit (seconds). */
  @Type(() => Number) @IsNumber() @Min(0.01)
  MAX_BACKOFF = 300;

  /** A kit that answers but brings no detection or status record for this many seconds is stale. */
  @Type(() => Number) @IsNumber() @Min(0.1)
  STALE_THRESHOLD = 60;

  /** Airspace detections (tracks, signals, kit system health) older than this many days are dropped by day. */
  @Type(() => Number) @IsInt() @Min(1)
  AIRSPACE_RETENTION_DAYS = 30;

  /** The kits read from KITS_CONFIG at start-up (not an environment variable). */
  kits: KitConfig[] = [];
}

/** Fields of AnalyticsConfig that are not environment variables. */
const NOT_ENV = new Set(['kits']);

const REQUIRED: Record<string, string> = {
  DATABASE_URL: 'DATABASE_URL is required (for example postgresql://postgres@127.0.0.1:5432/wingxtra_analytics)',
  REDIS_URL: 'REDIS_URL is required (the Redis fleet-api hands history off through, e.g. redis://localhost:6379/0)',
  JWT_SECRET: 'JWT_SECRET is required (the secret delivery-service signs tokens with)',
};

/** Reads and checks the environment; throws ConfigError naming every bad value at once. */
export function loadAnalyticsConfig(env: NodeJS.ProcessEnv): AnalyticsConfig {
  const input = pickEnv(env, [...Object.keys(new AnalyticsConfig()).filter((k) => !NOT_ENV.has(k)), ...Object.keys(REQUIRED)]);
  const config = plainToInstance(AnalyticsConfig, input);
  const missing = Object.keys(REQUIRED).filter((k) => !input[k]);
  const problems = [...missing.map((k) => REQUIRED[k]), ...describeValidationErrors(validateSync(config).filter((e) => !missing.includes(e.property)))];
  if (config.MAX_BACKOFF < config.INITIAL_BACKOFF) problems.push('MAX_BACKOFF must be at least INITIAL_BACKOFF');
  if (config.KITS_CONFIG) {
    try {
      config.kits = loadKitsConfig(config.KITS_CONFIG);
    } catch (err) {
      if (!(err instanceof KitsConfigError)) throw err;
      problems.push(...err.problems);
    }
  }
  if (problems.length > 0) throw new ConfigError([...new Set(problems)]);
  return config;
}
