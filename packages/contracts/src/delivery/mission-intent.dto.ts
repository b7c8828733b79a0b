import 'reflect-metadata';
import { Latitude, Longitude } from './geo.decorators.js';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  Equals,
  IsDefined,
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
  ValidateNested,
} from 'class-validator';
import { TELEMETRY_V1 } from '../telemetry/telemetry-v1.rules.js';
import { PRIORITIES, type Priority } from './delivery.enums.js';

/** The steps of a delivery mission, in the order the GCS flies them. */
export const MISSION_ACTIONS = ['TAKEOFF', 'CRUISE', 'DESCEND', 'DROP_OR_WINCH', 'ASCEND', 'RTL'] as const;
export type MissionAction = (typeof MISSION_ACTIONS)[number];

export const LOST_LINK_BEHAVIORS = ['RTL', 'LAND', 'CONTINUE'] as const;

export class MissionPointDto {
  @Latitude() lat!: number;
  @Longitude() lng!: number;
  /** Cruise altitude above home, metres. */
  @IsNumber() @Min(0) @Max(500) alt_m!: number;
}

export class MissionDropoffDto extends MissionPointDto {
  /** Altitude at which the payload is dropped or winched, metres above ground. */
  @IsNumber() @Min(0) @Max(120) delivery_alt_m!: number;
}

export class MissionConstraintsDto {
  /** Abort to home when the battery falls below this. */
  @IsNumber() @Min(0) @Max(100) battery_min_pct!: number;
  @IsOptional() @IsUUID() service_area_id?: string;
  @IsOptional() @IsString() geofence_id?: string;
  @IsOptional() @IsNumber() @Min(0) max_wind_mps?: number;
}

export class MissionSafetyDto {
  @IsBoolean() abort_rtl_on_fail!: boolean;
  @IsInt() @Min(0) @Max(3600) loiter_timeout_s!: number;
  @IsIn(LOST_LINK_BEHAVIORS) lost_link_behavior!: (typeof LOST_LINK_BEHAVIORS)[number];
}

export class MissionMetadataDto {
  @IsNumber() @Min(0) payload_weight_kg!: number;
  @IsString() @MaxLength(64) payload_type!: string;
  @IsIn(PRIORITIES) priority!: Priority;
  @IsISO8601() order_created_at!: string;
  @IsISO8601() intent_created_at!: string;
}

/**
 * Delivery → GCS bridge (docs/mission-intent.md): a high-level description the ground control station turns
 * into a real mission plan. Published as JSON Schema in schemas/mission-intent.schema.json.
 */
export class MissionIntentDto {
  @Equals(1) schema_version!: 1;
  /** Unique per intent; the bridge treats a repeat as the same intent (idempotent publish). */
  @IsUUID() intent_id!: string;
  @IsUUID() order_id!: string;
  @IsUUID() job_id!: string;
  @Matches(new RegExp(TELEMETRY_V1.droneIdPattern)) drone_id!: string;
  @IsDefined() @ValidateNested() @Type(() => MissionPointDto) pickup!: MissionPointDto;
  @IsDefined() @ValidateNested() @Type(() => MissionDropoffDto) dropoff!: MissionDropoffDto;
  @ArrayMinSize(1) @IsIn(MISSION_ACTIONS, { each: true }) actions!: MissionAction[];
  @IsDefined() @ValidateNested() @Type(() => MissionConstraintsDto) constraints!: MissionConstraintsDto;
  @IsDefined() @ValidateNested() @Type(() => MissionSafetyDto) safety!: MissionSafetyDto;
  @IsDefined() @ValidateNested() @Type(() => MissionMetadataDto) metadata!: MissionMetadataDto;
}

/** What the bridge reports about a mission it flies (POST /api/v1/missions/{intent_id}/events, signed). */
export const MISSION_EVENT_TYPES = [
  'LAUNCHED',
  'ENROUTE',
  'ARRIVED',
  'DELIVERING',
  'DROPPED',
  'FAILSAFE',
  'ABORTED',
  'FAILED',
] as const;
export type MissionEventType = (typeof MISSION_EVENT_TYPES)[number];

export const FAILSAFE_KINDS = ['RTL', 'ABORT', 'FORCED_LANDING', 'LOW_BATTERY', 'LOST_LINK'] as const;

export class MissionEventPositionDto {
  @Latitude() lat!: number;
  @Longitude() lng!: number;
  @IsOptional() @IsNumber() alt_m?: number;
}

export class MissionEventDto {
  /** Unique per event from the bridge; a repeat is acknowledged and changes nothing. */
  @IsString() @Matches(/^[A-Za-z0-9._:-]{1,100}$/) event_id!: string;
  @IsIn(MISSION_EVENT_TYPES) type!: MissionEventType;
  @IsOptional() @IsIn(FAILSAFE_KINDS) failsafe?: (typeof FAILSAFE_KINDS)[number];
  @IsOptional() @IsString() @MaxLength(500) reason?: string;
  @IsISO8601({ strict: true }) at!: string;
  @IsOptional() @ValidateNested() @Type(() => MissionEventPositionDto) position?: MissionEventPositionDto;
}

/** 200 body of a mission event: what the order did with it. */
export class MissionEventResultDto {
  @IsBoolean() applied!: boolean;
  @IsBoolean() duplicate!: boolean;
  @IsString() order_status!: string;
}

/** 202 body of POST /api/v1/orders/{id}/submit-mission-intent. */
export class MissionSubmissionDto {
  @IsUUID() intent_id!: string;
  @IsIn(['PENDING', 'ACCEPTED', 'REJECTED']) status!: 'PENDING' | 'ACCEPTED' | 'REJECTED';
  @ValidateNested() @Type(() => MissionIntentDto) intent!: MissionIntentDto;
}

/** Headers of a signed bridge → delivery-service call (see mission-signature.ts). */
export const MISSION_SIGNATURE_HEADER = 'x-wingxtra-signature';
export const MISSION_TIMESTAMP_HEADER = 'x-wingxtra-timestamp';
/** Path on the GCS bridge that receives intents (POST, JSON MissionIntentDto). */
export const GCS_BRIDGE_INTENTS_PATH = '/api/v1/mission-intents';
