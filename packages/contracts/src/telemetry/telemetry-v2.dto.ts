import 'reflect-metadata';
import { Type } from 'class-transformer';
import { Equals, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';
import { AttitudeV1Dto, BatteryV1Dto, LinkV1Dto, PositionV1Dto, StateV1Dto, VelocityV1Dto, type TelemetryV1 } from './telemetry-v1.dto.js';
import { TELEMETRY_V2 } from './telemetry-v2.rules.js';

const finite = { allowNaN: false, allowInfinity: false } as const;

/* v2 is v1's shape plus optional fields: sections v1 already had keep v1's classes (position, state, battery,
 * link) or extend them (attitude, velocity), so a v1 rule has one home. As in v1, an optional leaf accepts null
 * ("no reading") and a section that is absent or null leaves the stored section untouched. */

export class AttitudeV2Dto extends AttitudeV1Dto {
  @IsOptional() @IsNumber(finite) @Min(TELEMETRY_V2.rollDeg.min) @Max(TELEMETRY_V2.rollDeg.max)
  roll_deg?: number | null;

  @IsOptional() @IsNumber(finite) @Min(TELEMETRY_V2.pitchDeg.min) @Max(TELEMETRY_V2.pitchDeg.max)
  pitch_deg?: number | null;
}

export class VelocityV2Dto extends VelocityV1Dto {
  /** Vertical speed in m/s, positive climbing. */
  @IsOptional() @IsNumber(finite)
  vz_mps?: number | null;
}

export class PowerV2Dto {
  @IsOptional() @IsNumber(finite) @Min(TELEMETRY_V2.currentA.min) @Max(TELEMETRY_V2.currentA.max)
  current_a?: number | null;

  @IsOptional() @IsInt() @Min(TELEMETRY_V2.mahDrawn.min)
  mah_drawn?: number | null;

  @IsOptional() @IsNumber(finite) @Min(TELEMETRY_V2.throttle.min) @Max(TELEMETRY_V2.throttle.max)
  throttle?: number | null;
}

/** Canonical telemetry packet, schema v2: v1 plus attitude roll/pitch, vertical speed and the power section. */
export class TelemetryV2Dto {
  @Equals(TELEMETRY_V2.schemaVersion)
  schema_version!: 2;

  @IsString() @Matches(new RegExp(TELEMETRY_V2.droneIdPattern))
  drone_id!: string;

  @IsString() @Matches(new RegExp(TELEMETRY_V2.timestampPattern))
  ts!: string;

  @IsOptional() @ValidateNested() @Type(() => PositionV1Dto)
  position?: PositionV1Dto | null;

  @IsOptional() @ValidateNested() @Type(() => AttitudeV2Dto)
  attitude?: AttitudeV2Dto | null;

  @IsOptional() @ValidateNested() @Type(() => VelocityV2Dto)
  velocity?: VelocityV2Dto | null;

  @IsOptional() @ValidateNested() @Type(() => StateV1Dto)
  state?: StateV1Dto | null;

  @IsOptional() @ValidateNested() @Type(() => BatteryV1Dto)
  battery?: BatteryV1Dto | null;

  @IsOptional() @ValidateNested() @Type(() => LinkV1Dto)
  link?: LinkV1Dto | null;

  @IsOptional() @ValidateNested() @Type(() => PowerV2Dto)
  power?: PowerV2Dto | null;
}

/** The plain JSON shape of a v2 packet (derived, not redefined). */
export type TelemetryV2 = TelemetryV2Dto;

/** Any packet fleet-api accepts, told apart by `schema_version`. */
export type TelemetryPacket = TelemetryV1 | TelemetryV2;
