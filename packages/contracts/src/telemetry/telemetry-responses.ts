import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsIP, IsISO8601, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { TelemetryV1Dto } from './telemetry-v1.dto.js';
import { TelemetryV2Dto, type TelemetryPacket } from './telemetry-v2.dto.js';

/** Why one field of one packet was refused. `field` is a dotted path such as `position.lat`. */
export class FieldErrorDto {
  @IsString() field!: string;
  @IsString() message!: string;
}

/** One refused packet of a POST /api/v1/telemetry body. `index` is its place in the batch (0 for a single packet). */
export class PacketRejectionDto {
  @IsInt() @Min(0) index!: number;
  @IsOptional() @IsString() drone_id?: string | null;
  /** `invalid` (see errors), `rate_limited`, or `forbidden` (a drone's own key sent a packet of another drone). */
  @IsString() reason!: 'invalid' | 'rate_limited' | 'forbidden';
  @ValidateNested({ each: true }) @Type(() => FieldErrorDto) errors!: FieldErrorDto[];
}

/** 202 body of POST /api/v1/telemetry. */
export class IngestResultDto {
  /** Packets taken: stored as latest state or, when older than it, handed on to history only. */
  @IsInt() @Min(0) accepted!: number;
  /** Of the accepted, those older than the drone's stored state (they never overwrite it). */
  @IsInt() @Min(0) out_of_order!: number;
  /** Repeats of the drone's stored reading time, or of another packet's time in the same request: acknowledged, nothing changed. */
  @IsInt() @Min(0) duplicate!: number;
  @IsInt() @Min(0) rejected!: number;
  @ValidateNested({ each: true }) @Type(() => PacketRejectionDto) rejections!: PacketRejectionDto[];
}

/** 4xx body of every Wingxtra API. `rejections` comes with telemetry that was refused. */
export class ApiErrorDto {
  @IsInt() statusCode!: number;
  @IsString() error!: string;
  @IsString() message!: string;
  @IsOptional() @ValidateNested({ each: true }) @Type(() => PacketRejectionDto) rejections?: PacketRejectionDto[];
}

/** Latest merged state of one drone. */
export class DroneLatestDto {
  @IsString() drone_id!: string;
  /** Server time at which the packet that produced this state was received. */
  @IsISO8601() last_seen_ts!: string;
  /** Seen within OFFLINE_AFTER_S. */
  @IsBoolean() online!: boolean;
  /**
   * The merged state. Its schema_version is 2 once a v2 packet has been stored for the drone (it may then carry
   * v2's fields and the power section), and 1 before that.
   */
  @ValidateNested()
  @Type((t) => ((t?.object as Partial<DroneLatestDto> | undefined)?.telemetry?.schema_version === 2 ? TelemetryV2Dto : TelemetryV1Dto))
  @JSONSchema((_schema, options) => ({
    oneOf: [{ $ref: `${options.refPointerPrefix}TelemetryV1Dto` }, { $ref: `${options.refPointerPrefix}TelemetryV2Dto` }],
  }))
  telemetry!: TelemetryPacket;
}

/** GET /api/v1/telemetry/{drone_id}/latest: the latest state plus where it came from. */
export class DroneLatestDetailDto extends DroneLatestDto {
  @IsOptional() @IsIP() source_ip?: string | null;
}

/** GET /api/v1/telemetry/latest (fleet-api spec §6). */
export class LatestTelemetryResponseDto {
  @IsISO8601() server_time!: string;
  @IsInt() @Min(0) count!: number;
  @ValidateNested({ each: true }) @Type(() => DroneLatestDto) drones!: DroneLatestDto[];
}

/** GET /healthz and /readyz. */
export class HealthDto {
  @IsString() status!: 'ok' | 'unavailable';
  @IsOptional() @IsString() reason?: string;
}

export type IngestResult = IngestResultDto;
export type PacketRejection = PacketRejectionDto;
export type FieldError = FieldErrorDto;
export type ApiError = ApiErrorDto;
export type DroneLatest = DroneLatestDto;
export type DroneLatestDetail = DroneLatestDetailDto;
export type LatestTelemetryResponse = LatestTelemetryResponseDto;
