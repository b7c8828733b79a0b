import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsNumber, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { DRONEENGAGE_STATUSES, DRONE_STATUSES, type DroneEngageStatus, type DroneStatus } from './registry.enums.js';

/** POST /api/v1/drones/{drone_id}/heartbeat (the drone's key): the companion computer's health. Every field is optional. */
export class HeartbeatDto {
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(100) cpu_pct?: number;
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(100) memory_pct?: number;
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(100) disk_pct?: number;
  /** The companion computer's SoC temperature, °C. */
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-60) @Max(150) temperature_c?: number;
  @IsOptional() @IsString() @MaxLength(64) software_version?: string;
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) uptime_s?: number;
  @IsOptional() @IsIn(DRONEENGAGE_STATUSES, { message: `droneengage_status must be one of ${DRONEENGAGE_STATUSES.join(', ')}` }) droneengage_status?: DroneEngageStatus;
}

/** 202 of a heartbeat: what the server made of it. */
export class HeartbeatAckDto {
  @IsString() drone_id!: string;
  @IsISO8601() received_at!: string;
  @IsIn(DRONE_STATUSES) status!: DroneStatus;
  @IsString({ each: true }) status_reasons!: string[];
  /** What this heartbeat was found wanting (empty when every reading is fine). */
  @IsString({ each: true }) warnings!: string[];
}

/** One stored heartbeat (GET /api/v1/drones/{drone_id}/heartbeats): the readings as sent (null when absent). */
export class HeartbeatRecordDto {
  @IsISO8601() received_at!: string;
  @IsOptional() @IsNumber() cpu_pct!: number | null;
  @IsOptional() @IsNumber() memory_pct!: number | null;
  @IsOptional() @IsNumber() disk_pct!: number | null;
  @IsOptional() @IsNumber() temperature_c!: number | null;
  @IsOptional() @IsString() software_version!: string | null;
  @IsOptional() @IsNumber() uptime_s!: number | null;
  @IsOptional() @IsIn(DRONEENGAGE_STATUSES) droneengage_status!: DroneEngageStatus | null;
  /** What this heartbeat was found wanting when it came. */
  @IsString({ each: true }) warnings!: string[];
}

/** A page of a drone's heartbeats, newest first; next_cursor is null on the last page. */
export class HeartbeatListDto {
  @ValidateNested({ each: true }) @Type(() => HeartbeatRecordDto) items!: HeartbeatRecordDto[];
  @IsOptional() @IsString() next_cursor!: string | null;
}

export class HeartbeatListQueryDto {
  @IsOptional() @IsString() @MaxLength(200) cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

export type Heartbeat = HeartbeatDto;
export type HeartbeatAck = HeartbeatAckDto;
