import 'reflect-metadata';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { envHops, envList } from './config.js';

/**
 * The environment every service reads the same way. A service's config class extends it, sets its own
 * PORT default, and adds its own variables; all are validated together at start-up.
 */
const TRUST_PROXY_RULE = 'TRUST_PROXY must be true, false or a number of proxy hops from 0 to 10';

export abstract class ServiceConfig {
  @Type(() => Number) @IsInt() @Min(0) @Max(65535)
  abstract PORT: number;

  @IsString()
  HOST = '0.0.0.0';

  @IsString() @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL!: string;

  @Transform(({ value }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @IsIn(['DEBUG', 'INFO', 'WARNING', 'WARN', 'ERROR'])
  LOG_LEVEL = 'INFO';

  /** Comma-separated CORS origins; empty allows none, * allows any. */
  @Transform(envList) @IsString({ each: true })
  ALLOWED_ORIGINS: string[] = [];

  /**
   * Proxies in front of the service whose X-Forwarded-For entries are believed: 0 (or false) believes none;
   * true means 1. The client address is the entry that many hops back from this service, so a client cannot
   * forge it by sending X-Forwarded-For of its own through the proxy. Set only behind proxies you control.
   */
  @Transform(envHops) @IsInt({ message: TRUST_PROXY_RULE }) @Min(0, { message: TRUST_PROXY_RULE }) @Max(10, { message: TRUST_PROXY_RULE })
  TRUST_PROXY = 0;

  /** Connections this process keeps to PostgreSQL at most (every replica and worker process has its own pool). */
  @Type(() => Number) @IsInt() @Min(1) @Max(500)
  DATABASE_POOL_MAX = 10;
}

/**
 * Fastify's trustProxy for TRUST_PROXY: believe the first `hops` proxies back from the service (proxy-addr's
 * hop index), so the client address is the one the outermost trusted proxy saw.
 */
export function trustProxyOption(hops: number): false | ((address: string, hop: number) => boolean) {
  return hops > 0 ? (_address, hop) => hop < hops : false;
}
