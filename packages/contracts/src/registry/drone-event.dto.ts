import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { DRONE_EVENT_TYPES, EVENT_SEVERITIES, type DroneEventType, type EventSeverity } from './registry.enums.js';

/** One entry of a drone's history (GET /api/v1/drones/{drone_id}/events). */
export class DroneEventDto {
  @IsString() id!: string;
  @IsString() drone_id!: string;
  @IsIn(DRONE_EVENT_TYPES) type!: DroneEventType;
  @IsIn(EVENT_SEVERITIES) severity!: EventSeverity;
  @IsString() message!: string;
  @IsObject() details!: Record<string, unknown>;
  @IsISO8601() created_at!: string;
}

/** Newest first. */
export class DroneEventListDto {
  @ValidateNested({ each: true }) @Type(() => DroneEventDto) items!: DroneEventDto[];
  @IsOptional() @IsString() next_cursor!: string | null;
}

export class DroneEventListQueryDto {
  @IsOptional() @IsIn(DRONE_EVENT_TYPES, { message: `type must be one of ${DRONE_EVENT_TYPES.join(', ')}` }) type?: DroneEventType;
  @IsOptional() @IsString() @MaxLength(200) cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

export type DroneEvent = DroneEventDto;
