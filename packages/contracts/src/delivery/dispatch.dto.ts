import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  IsArray,
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
import { GEOFENCE_KINDS, type GeofenceKind } from '../registry/geofence.dto.js';

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

/**
 * One of fleet-api's active geofences, as GET /api/v1/service-areas serves it to merchants, OPS and ADMIN (fleet-api's
 * own GET /api/v1/geofences is for OPS and ADMIN only, and the merchant map shows these). Geofences are managed in
 * fleet-api (ADMIN), never in delivery-service.
 */
export class ServiceAreaDto {
  /** fleet-api's geofence id; an order's service_area_id is one of these. */
  @IsUUID() id!: string;
  @IsString() name!: string;
  /** service_area: when any exists, pickups and dropoffs must be inside one; no_fly_zone: never inside one. */
  @IsIn(GEOFENCE_KINDS) kind!: GeofenceKind;
  /** GeoJSON Polygon coordinates: [[[lng, lat], ...], ...holes], each ring closed. */
  @IsArray() polygon!: number[][][];
  /** The fence's altitude band in metres (null: unbounded); order positions are on the ground, so a no-fly zone counts as its whole column. */
  @IsOptional() @IsNumber() min_alt_m!: number | null;
  @IsOptional() @IsNumber() max_alt_m!: number | null;
  /** Always true: only active fences are served. */
  @IsBoolean() active!: boolean;
  @IsISO8601() created_at!: string;
  @IsISO8601() updated_at!: string;
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
