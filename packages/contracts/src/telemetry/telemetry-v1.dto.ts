import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  Equals,
  IsBoolean,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { TELEMETRY_V1 } from './telemetry-v1.rules.js';

const finite = { allowNaN: false, allowInfinity: false } as const;

/* Optional leaves accept null as "unknown" (a plugin may not have a reading yet); a section that is
 * absent or null leaves the stored section untouched. */

export class PositionV1Dto {
  @IsNumber(finite) @Min(TELEMETRY_V1.lat.min) @Max(TELEMETRY_V1.lat.max)
  lat!: number;

  @IsNumber(finite) @Min(TELEMETRY_V1.lon.min) @Max(TELEMETRY_V1.lon.max)
  lon!: number;

  @IsOptional() @IsNumber(finite) @Min(TELEMETRY_V1.altM.min) @Max(TELEMETRY_V1.altM.max)
  alt_m?: number | null;
}

export class AttitudeV1Dto {
  @IsOptional() @IsNumber(finite)
  yaw_deg?: number | null;
}

export class VelocityV1Dto {
  @IsOptional() @IsNumber(finite)
  groundspeed_mps?: number | null;
}

export class StateV1Dto {
  @IsOptional() @IsBoolean()
  armed?: boolean | null;

  @IsOptional() @IsString() @MaxLength(TELEMETRY_V1.modeMaxLength)
  mode?: string | null;
}

export class BatteryV1Dto {
  @IsOptional() @IsNumber(finite)
  voltage_v?: number | null;

  @IsOptional() @IsNumber(finite) @Min(TELEMETRY_V1.remainingPct.min) @Max(TELEMETRY_V1.remainingPct.max)
  remaining_pct?: number | null;
}

export class LinkV1Dto {
  @IsOptional() @IsNumber(finite)
  rssi_dbm?: number | null;
}

/** Canonical telemetry packet, schema v1 (fleet-api spec §4). */
export class TelemetryV1Dto {
  @Equals(TELEMETRY_V1.schemaVersion)
  schema_version!: 1;

  @IsString() @Matches(new RegExp(TELEMETRY_V1.droneIdPattern))
  drone_id!: string;

  @IsString() @Matches(new RegExp(TELEMETRY_V1.timestampPattern))
  ts!: string;

  @IsOptional() @ValidateNested() @Type(() => PositionV1Dto)
  position?: PositionV1Dto | null;

  @IsOptional() @ValidateNested() @Type(() => AttitudeV1Dto)
  attitude?: AttitudeV1Dto | null;

  @IsOptional() @ValidateNested() @Type(() => VelocityV1Dto)
  velocity?: VelocityV1Dto | null;

  @IsOptional() @ValidateNested() @Type(() => StateV1Dto)
  state?: StateV1Dto | null;

  @IsOptional() @ValidateNested() @Type(() => BatteryV1Dto)
  battery?: BatteryV1Dto | null;

  @IsOptional() @ValidateNested() @Type(() => LinkV1Dto)
  link?: LinkV1Dto | null;
}

/** The plain JSON shape of a v1 packet, as a plugin sends it and fleet-api returns it (derived, not redefined). */
export type TelemetryV1 = TelemetryV1Dto;
