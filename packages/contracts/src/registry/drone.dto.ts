import 'reflect-metadata';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { TELEMETRY_V1 } from '../telemetry/telemetry-v1.rules.js';
import { Latitude, Longitude } from '../delivery/geo.decorators.js';
import { DRONE_STATUSES, DRONE_TYPES, type DroneStatus, type DroneType } from './registry.enums.js';

const DRONE_ID = new RegExp(TELEMETRY_V1.droneIdPattern);

/** Where a drone is based. */
export class HomeDto {
  @Latitude() lat!: number;
  @Longitude() lon!: number;
}

/** POST /api/v1/drones (ADMIN). */
export class RegisterDroneDto {
  @IsString() @Matches(DRONE_ID, { message: `drone_id must match ${TELEMETRY_V1.droneIdPattern}` }) drone_id!: string;
  @IsString() @MinLength(1) @MaxLength(120) name!: string;
  @IsIn(DRONE_TYPES, { message: `type must be one of ${DRONE_TYPES.join(', ')}` }) type!: DroneType;
  @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(1000) max_payload_kg!: number;
  @IsOptional() @ValidateNested() @Type(() => HomeDto) home?: HomeDto | null;
  @IsOptional() @IsString() @MaxLength(2000) notes?: string | null;
}

/** PATCH /api/v1/drones/{drone_id} (ADMIN): any subset; `maintenance` puts the drone in or out of maintenance mode. */
export class UpdateDroneDto {
  @IsOptional() @IsString() @MinLength(1) @MaxLength(120) name?: string;
  @IsOptional() @IsIn(DRONE_TYPES, { message: `type must be one of ${DRONE_TYPES.join(', ')}` }) type?: DroneType;
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(1000) max_payload_kg?: number;
  @IsOptional() @ValidateNested() @Type(() => HomeDto) home?: HomeDto | null;
  @IsOptional() @IsString() @MaxLength(2000) notes?: string | null;
  /** Drones in maintenance are never dispatched; their status is `maintenance`. */
  @IsOptional() @IsBoolean() maintenance?: boolean;
  /** true brings a deactivated drone back (issue it a key with keys/rotate); false is the same as DELETE. */
  @IsOptional() @IsBoolean() active?: boolean;
}

/** A registered drone. */
export class DroneDto {
  @IsString() drone_id!: string;
  @IsString() name!: string;
  @IsIn(DRONE_TYPES) type!: DroneType;
  @IsNumber() max_payload_kg!: number;
  @IsOptional() @ValidateNested() @Type(() => HomeDto) home!: HomeDto | null;
  @IsOptional() @IsString() notes!: string | null;
  @IsBoolean() maintenance!: boolean;
  @IsBoolean() active!: boolean;
  @IsIn(DRONE_STATUSES) status!: DroneStatus;
  /** Why the drone has its status, in words (empty when healthy). */
  @IsString({ each: true }) status_reasons!: string[];
  @IsISO8601() status_changed_at!: string;
  @IsOptional() @IsISO8601() last_heartbeat_at!: string | null;
  @IsISO8601() created_at!: string;
  @IsISO8601() updated_at!: string;
  @IsOptional() @IsISO8601() deactivated_at!: string | null;
}

/** One API key of a drone, without the key itself (only its first characters). */
export class DroneKeyDto {
  @IsUUID() id!: string;
  @IsString() drone_id!: string;
  /** wxd_ and the key's next 8 characters. */
  @IsString() prefix!: string;
  @IsISO8601() created_at!: string;
  /** When a rotated-out key stops working; null while it is the current key. */
  @IsOptional() @IsISO8601() expires_at!: string | null;
  @IsOptional() @IsISO8601() revoked_at!: string | null;
  /** Accepted for ingest right now. */
  @IsBoolean() valid!: boolean;
}

export class DroneKeyListDto {
  @ValidateNested({ each: true }) @Type(() => DroneKeyDto) items!: DroneKeyDto[];
}

/** 201 of POST /api/v1/drones: the drone and its API key, shown this once (stored hashed). */
export class RegisteredDroneDto {
  @ValidateNested() @Type(() => DroneDto) drone!: DroneDto;
  @IsString() api_key!: string;
  @ValidateNested() @Type(() => DroneKeyDto) key!: DroneKeyDto;
}

/** POST /api/v1/drones/{drone_id}/keys/rotate (ADMIN). */
export class RotateDroneKeyDto {
  /** Seconds the drone's current keys keep working; default DRONE_KEY_GRACE_S, 0 ends them at once. */
  @IsOptional() @IsInt() @Min(0) @Max(30 * 86400) grace_s?: number;
}

/** 201 of a rotation: the new key, shown this once, and the keys it replaces with their end of grace. */
export class RotatedDroneKeyDto {
  @IsString() api_key!: string;
  @ValidateNested() @Type(() => DroneKeyDto) key!: DroneKeyDto;
  @ValidateNested({ each: true }) @Type(() => DroneKeyDto) replaced!: DroneKeyDto[];
}

/** GET /api/v1/drones query. `q` searches drone_id, name and notes. */
export class DroneListQueryDto {
  @IsOptional() @IsIn(DRONE_STATUSES, { message: `status must be one of ${DRONE_STATUSES.join(', ')}` }) status?: DroneStatus;
  @IsOptional() @IsIn(DRONE_TYPES, { message: `type must be one of ${DRONE_TYPES.join(', ')}` }) type?: DroneType;
  @IsOptional() @IsString() @MinLength(1) @MaxLength(120) q?: string;
  /** true: deactivated drones too. */
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean() include_inactive?: boolean;
  /** next_cursor of the previous page. */
  @IsOptional() @IsString() @MaxLength(200) cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

/** Drones by drone_id. */
export class DroneListDto {
  @ValidateNested({ each: true }) @Type(() => DroneDto) items!: DroneDto[];
  /** Pass as `cursor` for the next page; null on the last page. */
  @IsOptional() @IsString() next_cursor!: string | null;
}

export type Home = HomeDto;
export type RegisterDrone = RegisterDroneDto;
export type UpdateDrone = UpdateDroneDto;
export type Drone = DroneDto;
export type DroneKey = DroneKeyDto;
