import 'reflect-metadata';
import { plainToInstance, Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNumber, IsString, Matches, Max, MaxLength, Min, validateSync } from 'class-validator';
import { ConfigError, describeValidationErrors, envBool, pickEnv } from '@wingxtra/service-kit';
import { DEFAULT_RUNTIME_CONFIG, type RuntimeConfig } from './runtime-config.js';

export { ConfigError };

const HTTP_URL = /^https?:\/\/[^\s/]+(\/\S*)?$/;

/**
 * The web server's environment, validated once at start-up; nothing else reads process.env. The server holds
 * no secret: the person's bearer token passes through it to the APIs untouched.
 */
export class WebConfig {
  @Type(() => Number) @IsInt() @Min(0) @Max(65535)
  PORT = 8080;

  @IsString()
  HOST = '0.0.0.0';

  @Matches(HTTP_URL, { message: 'FLEET_API_URL must be an http(s) URL such as http://127.0.0.1:8000' })
  FLEET_API_URL!: string;

  @Matches(HTTP_URL, { message: 'DELIVERY_API_URL must be an http(s) URL such as http://127.0.0.1:8001' })
  DELIVERY_API_URL!: string;

  @Matches(HTTP_URL, { message: 'ANALYTICS_API_URL must be an http(s) URL such as http://127.0.0.1:8002' })
  ANALYTICS_API_URL!: string;

  /** Map tiles, a Leaflet URL template. The map works without them (a plain background). */
  @Matches(/^(https?:\/\/|\/).*\{z\}.*\{x\}.*\{y\}/, { message: 'TILE_URL must be an http(s) or /path URL template with {z}, {x} and {y}' })
  TILE_URL = DEFAULT_RUNTIME_CONFIG.tileUrl;

  @IsString() @MaxLength(500)
  TILE_ATTRIBUTION = DEFAULT_RUNTIME_CONFIG.tileAttribution;

  /** The fleet map greys a drone out after this many seconds without a report (fleet-api's OFFLINE_AFTER_S). */
  @Type(() => Number) @IsNumber() @Min(1)
  OFFLINE_AFTER_S = DEFAULT_RUNTIME_CONFIG.offlineAfterS;

  /** An API request not answered within this is ended with 504 (the telemetry stream is exempt). */
  @Type(() => Number) @IsNumber() @Min(1)
  PROXY_TIMEOUT_S = 30;

  @Transform(({ value }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @IsIn(['DEBUG', 'INFO', 'WARNING', 'WARN', 'ERROR'])
  LOG_LEVEL = 'INFO';

  /** Read the client address from X-Forwarded-For; only behind a proxy you control. */
  @Transform(envBool) @IsBoolean()
  TRUST_PROXY = false;

  /** The built app (Vite's output); tests may point elsewhere. */
  @IsString()
  STATIC_DIR = '';
}

const REQUIRED: Record<string, string> = {
  FLEET_API_URL: 'FLEET_API_URL is required (fleet-api, for example http://127.0.0.1:8000)',
  DELIVERY_API_URL: 'DELIVERY_API_URL is required (delivery-service, for example http://127.0.0.1:8001)',
  ANALYTICS_API_URL: 'ANALYTICS_API_URL is required (analytics-worker, for example http://127.0.0.1:8002)',
};

/** Reads and checks the environment; throws ConfigError naming every bad value at once. */
export function loadWebConfig(env: NodeJS.ProcessEnv): WebConfig {
  const input = pickEnv(env, [...Object.keys(new WebConfig()), ...Object.keys(REQUIRED)]);
  const config = plainToInstance(WebConfig, input);
  const missing = Object.keys(REQUIRED).filter((k) => !input[k]);
  const invalid = validateSync(config).filter((e) => !missing.includes(e.property));
  const problems = [...missing.map((k) => REQUIRED[k]!), ...describeValidationErrors(invalid)];
  if (problems.length > 0) throw new ConfigError([...new Set(problems)]);
  for (const key of Object.keys(REQUIRED) as Array<'FLEET_API_URL' | 'DELIVERY_API_URL' | 'ANALYTICS_API_URL'>) {
    config[key] = config[key].replace(/\/+$/, '');
  }
  return config;
}

/** What the app learns at run time (GET /runtime-config.js). */
export function runtimeConfigOf(config: WebConfig): RuntimeConfig {
  return { tileUrl: config.TILE_URL, tileAttribution: config.TILE_ATTRIBUTION, offlineAfterS: config.OFFLINE_AFTER_S };
}
