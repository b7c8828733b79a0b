import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsISO8601, IsNumber, IsObject, IsOptional, IsString, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { FLIGHT_END_REASONS } from './flight.enums.js';

/** One flight in lists and leaderboards: the headline figures (null until measured). */
export class FlightSummaryDto {
  @IsUUID() id!: string;
  @IsString() drone_id!: string;
  @IsISO8601() start_ts!: string;
  @IsISO8601() end_ts!: string;
  @IsIn(FLIGHT_END_REASONS) end_reason!: string;
  @IsOptional() @IsUUID() order_id!: string | null;
  @IsInt() sample_count!: number;
  @IsOptional() @IsNumber() duration_s!: number | null;
  @IsOptional() @IsNumber() distance_m!: number | null;
  @IsOptional() @IsNumber() max_alt_m!: number | null;
  @IsOptional() @IsNumber() mah_used!: number | null;
  @IsOptional() @IsNumber() wh_used!: number | null;
  @IsOptional() @IsNumber() wh_per_km!: number | null;
  @IsOptional() @IsNumber() min_voltage_v!: number | null;
  @IsOptional() @IsNumber() max_current_a!: number | null;
  @IsOptional() @IsNumber() battery_pct_used!: number | null;
  @IsOptional() @IsISO8601() computed_at!: string | null;
}

/** A point of a flight or a drone's history: [epoch ms, lat, lon, alt_m, groundspeed_mps, voltage_v, current_a]. */
export type TrackPoint = [number, number | null, number | null, number | null, number | null, number | null, number | null];

/** GET /api/v1/flights/{id}: the summary, every computed metric, and optionally downsampled points. */
export class FlightDetailDto extends FlightSummaryDto {
  @IsOptional() @IsObject() computed_metrics!: Record<string, unknown> | null;
  @IsOptional() @IsInt() metrics_version!: number | null;
  @IsOptional() @IsArray() points?: TrackPoint[];
}

export class FlightListDto {
  @ValidateNested({ each: true }) @Type(() => FlightSummaryDto) items!: FlightSummaryDto[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  @IsOptional() @IsISO8601() next_before!: string | null;
}

/** GET /api/v1/flights/{id}/track: a GeoJSON Feature with a LineString of [lon, lat, alt] positions. */
export interface FlightTrackGeoJson {
  type: 'Feature';
  geometry: { type: 'LineString'; coordinates: Array<[number, number, number]> };
  properties: { flight_id: string; drone_id: string; start_ts: string; end_ts: string; point_count: number };
}

export class LeaderboardEntryDto {
  @IsString() drone_id!: string;
  @IsOptional() @IsNumber() value!: number | null;
  @IsInt() flights!: number;
}

export class LeaderboardDto {
  @IsString() metric!: string;
  @IsIn(['asc', 'desc']) order!: 'asc' | 'desc';
  @ValidateNested({ each: true }) @Type(() => LeaderboardEntryDto) items!: LeaderboardEntryDto[];
}

/** GET /api/v1/analytics/leaderboard query. */
export class LeaderboardQueryDto {
  @IsOptional() @IsString() metric?: string;
  @IsOptional() @IsIn(['asc', 'desc']) order?: 'asc' | 'desc';
  @IsOptional() @IsISO8601({ strict: true }) since?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

/** GET /api/v1/drones/{id}/history: a drone's track between two times, downsampled for playback. */
export class DroneHistoryDto {
  @IsString() drone_id!: string;
  @IsISO8601() from!: string;
  @IsISO8601() to!: string;
  /** Samples stored in the window, before downsampling. */
  @IsInt() sample_count!: number;
  @IsArray() points!: TrackPoint[];
}
