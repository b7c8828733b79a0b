import 'reflect-metadata';
import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import { FanoutTargetConfigDto } from '@wingxtra/contracts';
import { ConfigError, describeValidationErrors, envBool, pickEnv, ServiceConfig } from '@wingxtra/service-kit';

export { ConfigError };

/**
 * fleet-api's environment, validated once at start-up (names as in the fleet-api spec §8).
 * Nothing else in the service reads process.env.
 */
export class FleetConfig extends ServiceConfig {
  override PORT = 8000;

  /** Global ingest key, sent by drones as X-API-Key; required while ALLOW_GLOBAL_INGEST_KEY. */
  @IsOptional() @IsString() @MinLength(8, { message: 'API_KEY must be at least 8 characters' })
  API_KEY?: string;

  /** false: only per-drone keys are taken for ingest and heartbeats (API_KEY is then ignored). */
  @Transform(envBool) @IsBoolean()
  ALLOW_GLOBAL_INGEST_KEY = true;

  /**
   * The drone registry, per-drone keys, heartbeats, geofences and alerts, in PostgreSQL (DATABASE_URL). Turning
   * it off must be said in so many words, so a deployment cannot lose the registry by forgetting DATABASE_URL.
   */
  @Transform(envBool) @IsBoolean()
  REGISTRY_ENABLED = true;

  /** The registry's PostgreSQL; required while REGISTRY_ENABLED. */
  @IsOptional() @IsString() @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgresql:// URL' })
  DATABASE_URL?: string;

  /** HMAC key under which per-drone API keys are hashed for storage; required while REGISTRY_ENABLED. */
  @IsOptional() @IsString() @MinLength(32, { message: 'DRONE_KEY_SECRET must be at least 32 characters' })
  DRONE_KEY_SECRET?: string;

  /** HS256 secret of delivery-service's bearer tokens (OPS and ADMIN on the registry); unset: tokens are refused. */
  @IsOptional() @IsString() @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  /** Seconds a rotated-out drone key keeps working, unless the rotation names its own grace_s. */
  @Type(() => Number) @IsInt() @Min(0) @Max(30 * 86400)
  DRONE_KEY_GRACE_S = 86400;

  /** The in-process copies of keys and geofences are reloaded from PostgreSQL at least this often (changes arrive at once over Redis). */
  @Type(() => Number) @IsNumber() @Min(1)
  REGISTRY_CACHE_TTL_S = 30;

  /** A companion computer not heard from for this many seconds has no current heartbeat. */
  @Type(() => Number) @IsNumber() @Min(1)
  HEARTBEAT_TIMEOUT_S = 60;

  /** Heartbeats older than this many days are deleted. */
  @Type(() => Number) @IsInt() @Min(1)
  HEARTBEAT_RETENTION_DAYS = 14;

  /** A heartbeat at or above these readings is a warning (the drone is degraded). */
  @Type(() => Number) @IsNumber() @Min(1) @Max(100)
  HEARTBEAT_CPU_WARN_PCT = 90;

  @Type(() => Number) @IsNumber() @Min(1) @Max(100)
  HEARTBEAT_MEMORY_WARN_PCT = 90;

  @Type(() => Number) @IsNumber() @Min(1) @Max(100)
  HEARTBEAT_DISK_WARN_PCT = 90;

  @Type(() => Number) @IsNumber()
  HEARTBEAT_TEMPERATURE_WARN_C = 80;

  /** Seconds between re-derivations of every drone's status (one replica at a time). */
  @Type(() => Number) @IsNumber() @Min(0.2)
  STATUS_SWEEP_S = 5;

  /** An armed drone below this battery percentage raises low_battery ... */
  @Type(() => Number) @IsNumber() @Min(0) @Max(100)
  LOW_BATTERY_PCT = 20;

  /** ... which clears at or above this one (no flapping around the threshold). */
  @Type(() => Number) @IsNumber() @Min(0) @Max(100)
  LOW_BATTERY_CLEAR_PCT = 25;

  /** An armed drone silent for this many seconds raises link_loss. */
  @Type(() => Number) @IsNumber() @Min(1)
  LINK_LOSS_S = 10;

  /** Seconds between link-loss sweeps (one replica at a time). */
  @Type(() => Number) @IsNumber() @Min(0.2)
  ALERT_SWEEP_S = 2;

  /** Every alert transition is POSTed here (through BullMQ, with retries); unset: no webhook. */
  @IsOptional() @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'ALERT_WEBHOOK_URL must be an http(s) URL' })
  ALERT_WEBHOOK_URL?: string;

  /** Signs webhook bodies (X-Wingxtra-Signature: sha256=<HMAC hex>); unset: unsigned. */
  @IsOptional() @IsString() @MinLength(16, { message: 'ALERT_WEBHOOK_SECRET must be at least 16 characters' })
  ALERT_WEBHOOK_SECRET?: string;

  @Type(() => Number) @IsNumber() @Min(0.1)
  ALERT_WEBHOOK_TIMEOUT_S = 5;

  @Type(() => Number) @IsInt() @Min(0)
  ALERT_WEBHOOK_MAX_RETRIES = 8;

  @Type(() => Number) @IsNumber() @Min(0)
  ALERT_WEBHOOK_BACKOFF_S = 2;

  /** Key for the /api/v1/fanout admin endpoints; unset disables them (403). Must differ from API_KEY. */
  @IsOptional() @IsString() @MinLength(8, { message: 'ADMIN_API_KEY must be at least 8 characters' })
  ADMIN_API_KEY?: string;

  /** Requests per second allowed per drone, counted in Redis across replicas. */
  @Type(() => Number) @IsInt() @Min(1)
  RATE_LIMIT_RPS = 10;

  /** A drone not heard from for this many seconds is reported offline. */
  @Type(() => Number) @IsNumber() @Min(1)
  OFFLINE_AFTER_S = 30;

  /** GET latest without `since` is built at most once per this many ms and shared; 0 builds every request. */
  @Type(() => Number) @IsInt() @Min(0)
  LATEST_CACHE_MS = 500;

  /** Seconds between keep-alive comments on idle GET /api/v1/telemetry/stream connections. */
  @Type(() => Number) @IsNumber() @Min(0.1)
  STREAM_KEEPALIVE_S = 15;

  /** Packets stamped further than this into the future are refused: they would pin the latest state. */
  @Type(() => Number) @IsNumber() @Min(0)
  MAX_CLOCK_SKEW_S = 300;

  /** Largest request body accepted (413 beyond). */
  @Type(() => Number) @IsInt() @Min(1024)
  BODY_LIMIT_BYTES = 1024 * 1024;

  @Transform(envBool) @IsBoolean()
  FANOUT_ENABLED = false;

  /** JSON array of partner targets: [{"name","url","headers","drone_ids","batch_size"}]. */
  @IsString()
  FANOUT_TARGETS_JSON = '[]';

  @Type(() => Number) @IsNumber() @Min(0.1)
  FANOUT_TIMEOUT_SECONDS = 2;

  @Type(() => Number) @IsInt() @Min(0)
  FANOUT_MAX_RETRIES = 5;

  @Type(() => Number) @IsNumber() @Min(0)
  FANOUT_RETRY_BACKOFF_SECONDS = 2;

  /** Deliveries in flight per target. */
  @Type(() => Number) @IsInt() @Min(1)
  FANOUT_CONCURRENCY = 8;

  /** Hand-off entries a crashed replica read but never acknowledged are taken over after this many seconds. */
  @Type(() => Number) @IsNumber() @Min(0.1)
  RELAY_CLAIM_IDLE_S = 30;

  /** Parsed FANOUT_TARGETS_JSON, with every name filled in. */
  fanoutTargets: Array<FanoutTargetConfigDto & { name: string; batch_size: number }> = [];
}

function parseFanoutTargets(json: string): { targets: FleetConfig['fanoutTargets']; problems: string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    return { targets: [], problems: [`FANOUT_TARGETS_JSON is not valid JSON: ${(err as Error).message}`] };
  }
  if (!Array.isArray(raw)) return { targets: [], problems: ['FANOUT_TARGETS_JSON must be a JSON array of targets'] };
  const problems: string[] = [];
  const targets = raw.map((item, i) => {
    const isObject = typeof item === 'object' && item !== null && !Array.isArray(item);
    if (!isObject) problems.push(`FANOUT_TARGETS_JSON[${i}] must be an object`);
    const dto = plainToInstance(FanoutTargetConfigDto, isObject ? (item as object) : {});
    if (isObject) problems.push(...describeValidationErrors(validateSync(dto), `FANOUT_TARGETS_JSON[${i}].`));
    for (const [name, value] of Object.entries(dto.headers ?? {})) {
      if (typeof value !== 'string') problems.push(`FANOUT_TARGETS_JSON[${i}].headers.${name} must be a string`);
    }
    return Object.assign(dto, { name: dto.name ?? `target-${i}`, batch_size: dto.batch_size ?? 1 });
  });
  const names = targets.map((t) => t.name);
  for (const name of new Set(names.filter((n, i) => names.indexOf(n) !== i))) {
    problems.push(`FANOUT_TARGETS_JSON: target name "${name}" is used more than once`);
  }
  return { targets, problems };
}

/** Variables without a default (not own keys of a fresh FleetConfig). */
const OPTIONAL = ['API_KEY', 'ADMIN_API_KEY', 'REDIS_URL', 'DATABASE_URL', 'DRONE_KEY_SECRET', 'JWT_SECRET', 'ALERT_WEBHOOK_URL', 'ALERT_WEBHOOK_SECRET'];

/** Whether the environment asks for the registry (the migrate command reads only this). */
export function registryEnabledIn(env: NodeJS.ProcessEnv): boolean {
  return !['0', 'false', 'no', 'off'].includes((env.REGISTRY_ENABLED ?? '').trim().toLowerCase());
}

/** Reads and checks the environment; throws ConfigError naming every bad value at once. */
export function loadFleetConfig(env: NodeJS.ProcessEnv): FleetConfig {
  const known = Object.keys(new FleetConfig()).filter((k) => k === k.toUpperCase());
  const input = pickEnv(env, [...known, ...OPTIONAL]);
  const config = plainToInstance(FleetConfig, input);
  const missing: Record<string, string> = {};
  const globalKey = config.ALLOW_GLOBAL_INGEST_KEY !== false;
  const registry = config.REGISTRY_ENABLED !== false;
  if (globalKey && !input.API_KEY) missing.API_KEY = 'API_KEY is required (the key drones send as X-API-Key)';
  if (!input.REDIS_URL) missing.REDIS_URL = 'REDIS_URL is required (for example redis://localhost:6379/0)';
  if (registry && !input.DATABASE_URL) {
    missing.DATABASE_URL =
      'DATABASE_URL is required (the drone registry\'s PostgreSQL, for example postgresql://postgres@127.0.0.1:5432/wingxtra_fleet); set REGISTRY_ENABLED=false to run without the registry';
  }
  if (registry && !input.DRONE_KEY_SECRET) missing.DRONE_KEY_SECRET = 'DRONE_KEY_SECRET is required (at least 32 characters: per-drone API keys are stored hashed under it)';
  const invalid = validateSync(config).filter((e) => !(e.property in missing));
  const problems = [...Object.values(missing), ...describeValidationErrors(invalid)];
  if (config.ADMIN_API_KEY && config.ADMIN_API_KEY === config.API_KEY) {
    problems.push('ADMIN_API_KEY must differ from API_KEY');
  }
  if (!globalKey && !registry) {
    problems.push('ALLOW_GLOBAL_INGEST_KEY=false needs the registry\'s per-drone keys, but REGISTRY_ENABLED=false: no drone could send telemetry');
  }
  if (!registry && config.ALERT_WEBHOOK_URL) problems.push('ALERT_WEBHOOK_URL needs the registry (alerts live in it), but REGISTRY_ENABLED=false');
  if (config.LOW_BATTERY_CLEAR_PCT < config.LOW_BATTERY_PCT) problems.push('LOW_BATTERY_CLEAR_PCT must not be less than LOW_BATTERY_PCT');
  const fanout = parseFanoutTargets(config.FANOUT_TARGETS_JSON);
  problems.push(...fanout.problems);
  config.fanoutTargets = fanout.targets;
  if (config.FANOUT_ENABLED && fanout.targets.length === 0 && fanout.problems.length === 0) {
    problems.push('FANOUT_ENABLED is true but FANOUT_TARGETS_JSON names no target');
  }
  const unique = [...new Set(problems)];
  if (unique.length > 0) throw new ConfigError(unique);
  return config;
}
