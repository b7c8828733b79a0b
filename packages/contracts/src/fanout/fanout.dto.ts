import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { TELEMETRY_V1 } from '../telemetry/telemetry-v1.rules.js';

/** One partner endpoint, as configured in fleet-api's FANOUT_TARGETS_JSON (an array of these). */
export class FanoutTargetConfigDto {
  /** Unique, URL-safe; names the target's queue and metrics. Defaults to target-<index>. */
  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9_-]{1,48}$/)
  name?: string;

  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(2048)
  url!: string;

  /** Extra request headers (for example a partner's Authorization). Their values are secrets. */
  @IsOptional() @IsObject()
  headers?: Record<string, string>;

  /** Only these drones are sent to the target; absent means every drone. */
  @IsOptional() @IsArray() @ArrayUnique() @Matches(new RegExp(TELEMETRY_V1.droneIdPattern), { each: true })
  drone_ids?: string[];

  /** Packets per request: 1 (default) posts each packet as the spec's single object; more posts a JSON array. */
  @IsOptional() @IsInt() @Min(1) @Max(500)
  batch_size?: number;
}

/** GET /api/v1/fanout/targets: a configured target with its secrets masked. */
export class FanoutTargetViewDto {
  @IsString() name!: string;
  /** The URL with any password and query-string values replaced by ***. */
  @IsString() url!: string;
  /** Header names with their values replaced by ***. */
  @IsObject() headers!: Record<string, string>;
  @IsOptional() @IsArray() drone_ids?: string[] | null;
  @IsInt() @Min(1) batch_size!: number;
}

export class FanoutTargetsResponseDto {
  @IsBoolean() enabled!: boolean;
  @ValidateNested({ each: true }) @Type(() => FanoutTargetViewDto) targets!: FanoutTargetViewDto[];
}

/** GET /api/v1/fanout/health: delivery counters of one target. */
export class FanoutTargetHealthDto {
  @IsString() name!: string;
  /** Packets the target answered 2xx for. */
  @IsInt() @Min(0) delivered!: number;
  /** Deliveries that exhausted FANOUT_MAX_RETRIES; they are kept in the target's failed set. */
  @IsInt() @Min(0) failed!: number;
  /** Deliveries waiting for their next attempt after a failure. */
  @IsInt() @Min(0) retrying!: number;
  /** Deliveries waiting, running or retrying. */
  @IsInt() @Min(0) queue_depth!: number;
  @IsOptional() @IsString() last_error?: string | null;
  @IsOptional() @IsISO8601() last_error_at?: string | null;
  @IsOptional() @IsISO8601() last_success_at?: string | null;
}

export class FanoutHealthResponseDto {
  @IsBoolean() enabled!: boolean;
  @ValidateNested({ each: true }) @Type(() => FanoutTargetHealthDto) targets!: FanoutTargetHealthDto[];
}

export type FanoutTargetConfig = FanoutTargetConfigDto;
export type FanoutTargetView = FanoutTargetViewDto;
export type FanoutTargetsResponse = FanoutTargetsResponseDto;
export type FanoutTargetHealth = FanoutTargetHealthDto;
export type FanoutHealthResponse = FanoutHealthResponseDto;
