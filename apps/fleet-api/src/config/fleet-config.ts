import 'reflect-metadata';
import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
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

  /** Global ingest key, sent by drones as X-API-Key. */
  @IsString() @MinLength(8, { message: 'API_KEY must be at least 8 characters' })
  API_KEY!: string;

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

/** Reads and checks the environment; throws ConfigError naming every bad value at once. */
export function loadFleetConfig(env: NodeJS.ProcessEnv): FleetConfig {
  const known = Object.keys(new FleetConfig()).filter((k) => k === k.toUpperCase());
  const input = pickEnv(env, [...known, 'API_KEY', 'ADMIN_API_KEY', 'REDIS_URL']);
  const config = plainToInstance(FleetConfig, input);
  const missing: Record<string, string> = {};
  if (!input.API_KEY) missing.API_KEY = 'API_KEY is required (the key drones send as X-API-Key)';
  if (!input.REDIS_URL) missing.REDIS_URL = 'REDIS_URL is required (for example redis://localhost:6379/0)';
  const invalid = validateSync(config).filter((e) => !(e.property in missing));
  const problems = [...Object.values(missing), ...describeValidationErrors(invalid)];
  if (config.ADMIN_API_KEY && config.ADMIN_API_KEY === config.API_KEY) {
    problems.push('ADMIN_API_KEY must differ from API_KEY');
  }
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
