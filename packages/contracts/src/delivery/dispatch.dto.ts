import 'reflect-metadata';
import { Latitude, Longitude } from './geo.decorators.js';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
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

const DRONE_ID = new RegExp(TELEMETRY_V1.droneIdPattern);

/** POST /api/v1/dispatch/run (body optional). */
export class DispatchRunRequestDto {
  /** Consider at most this many queued orders (priority first, then age). */
  @IsOptional() @IsInt() @Min(1) @Max(10000) limit?: number;
}

/** Why an order did or did not get a drone in one dispatch run. */
export class DispatchDecisionDto {
  @IsUUID() order_id!: string;
  @IsBoolean() assigned!: boolean;
  @IsOptional() @IsString() drone_id!: string | null;
  @IsOptional() @IsUUID() job_id!: string | null;
  /** Estimated seconds for the chosen drone to reach the pickup. */
  @IsOptional() @IsNumber() time_to_pickup_s!: number | null;
  /** For unassigned orders: why no drone qualified (counted per reason), or the conflict that stopped it. */
  @IsString({ each: true }) reasons!: string[];
}

export class DispatchRunResultDto {
  @IsISO8601() started_at!: string;
  @IsInt() duration_ms!: number;
  @IsInt() orders_considered!: number;
  @IsInt() drones_available!: number;
  @IsInt() assigned!: number;
  @ValidateNested({ each: true }) @Type(() => DispatchDecisionDto) decisions!: DispatchDecisionDto[];
}

/** POST /api/v1/orders/{id}/assign: OPS override, audited with its reason. */
export class AssignOrderDto {
  @Matches(DRONE_ID, { message: `drone_id must match ${TELEMETRY_V1.droneIdPattern}` }) drone_id!: string;
  @IsString() @MinLength(3) @MaxLength(500) reason!: string;
}

/** One drone judged for one order (GET /api/v1/orders/{id}/candidates, and dispatch's reasoning). */
export class DroneEligibilityDto {
  @IsString() drone_id!: string;
  @IsBoolean() eligible!: boolean;
  /** Empty when eligible; otherwise every rule the drone fails, in words. */
  @IsString({ each: true }) reasons!: string[];
  @IsOptional() @IsNumber() distance_to_pickup_m!: number | null;
  @IsOptional() @IsNumber() time_to_pickup_s!: number | null;
  @IsOptional() @IsNumber() battery_pct!: number | null;
  /** Battery the whole trip (drone → pickup → dropoff → home) needs, reserve included. */
  @IsOptional() @IsNumber() required_battery_pct!: number | null;
}

export class DroneEligibilityListDto {
  @ValidateNested({ each: true }) @Type(() => DroneEligibilityDto) items!: DroneEligibilityDto[];
}

/** PUT /api/v1/dispatch/drones/{drone_id}: what dispatch must know about a drone. */
export class UpsertDroneCapabilityDto {
  @IsNumber() @Min(0) @Max(1000) max_payload_kg!: number;
  @IsOptional() @Latitude() home_lat?: number | null;
  @IsOptional() @Longitude() home_lng?: number | null;
  @IsOptional() @IsBoolean() active?: boolean;
  /** Drones in maintenance are never dispatched. */
  @IsOptional() @IsBoolean() maintenance?: boolean;
}

export class DroneCapabilityDto {
  @IsString() drone_id!: string;
  @IsNumber() max_payload_kg!: number;
  @IsOptional() @IsNumber() home_lat!: number | null;
  @IsOptional() @IsNumber() home_lng!: number | null;
  @IsBoolean() active!: boolean;
  @IsBoolean() maintenance!: boolean;
  @IsISO8601() updated_at!: string;
}

export class DroneCapabilityListDto {
  @ValidateNested({ each: true }) @Type(() => DroneCapabilityDto) items!: DroneCapabilityDto[];
}

/** POST /api/v1/service-areas: a GeoJSON Polygon's coordinates, [[[lng, lat], ...]] (outer ring, then holes). */
export class CreateServiceAreaDto {
  @IsString() @MinLength(1) @MaxLength(120) name!: string;
  @IsArray() @ArrayMaxSize(50) polygon!: number[][][];
}

export class ServiceAreaDto {
  @IsUUID() id!: string;
  @IsString() name!: string;
  @IsArray() polygon!: number[][][];
  @IsBoolean() active!: boolean;
  @IsISO8601() created_at!: string;
}

export class ServiceAreaListDto {
  @ValidateNested({ each: true }) @Type(() => ServiceAreaDto) items!: ServiceAreaDto[];
}

/** One execution attempt of an order by a drone, as a time window (GET /api/v1/dispatch/jobs). */
export class DeliveryJobWindowDto {
  @IsUUID() job_id!: string;
  @IsUUID() order_id!: string;
  @IsString() drone_id!: string;
  @IsString() status!: string;
  @IsInt() attempt!: number;
  @IsISO8601() started_at!: string;
  /** Null while the job is active. */
  @IsOptional() @IsISO8601() ended_at!: string | null;
}

export class DeliveryJobWindowListDto {
  @ValidateNested({ each: true }) @Type(() => DeliveryJobWindowDto) items!: DeliveryJobWindowDto[];
}
