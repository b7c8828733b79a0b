import 'reflect-metadata';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { envBool, envList } from './config.js';

/**
 * The environment every service reads the same way. A service's config class extends it, sets its own
 * PORT default, and adds its own variables; all are validated together at start-up.
 */
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

  /** Honour X-Forwarded-For for client addresses; set only behind a proxy you control. */
  @Transform(envBool) @IsBoolean()
  TRUST_PROXY = false;
}
