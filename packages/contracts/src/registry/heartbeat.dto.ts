import 'reflect-metadata';
import { IsIn, IsISO8601, IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
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

export type Heartbeat = HeartbeatDto;
export type HeartbeatAck = HeartbeatAckDto;
