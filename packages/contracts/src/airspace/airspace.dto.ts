import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsNumber, IsOptional, IsString, Max, Min, ValidateNested } from 'class-validator';
import { KIT_STATUSES, TRACK_KINDS, type KitStatus, type TrackKind } from './airspace.enums.js';

/** GET /api/v1/airspace/tracks: the latest position of one detected aircraft or drone. */
export class AirspaceTrackDto {
  /** The kit's identifier of the track (a Remote ID drone's id, `adsb-<icao>` for ADS-B, ...). */
  @IsString() track_id!: string;
  @IsIn(TRACK_KINDS) kind!: TrackKind;
  /** How it was detected: remote_id, adsb, or what the kit reported. */
  @IsOptional() @IsString() source!: string | null;
  /** The kit that saw it last. */
  @IsString() kit_id!: string;
  /** Remote ID serial number, or the ICAO address of an aircraft. */
  @IsOptional() @IsString() serial!: string | null;
  /** ADS-B flight number / callsign. */
  @IsOptional() @IsString() callsign!: string | null;
  @IsNumber() lat!: number;
  @IsNumber() lon!: number;
  /** Altitude above mean sea level in metres (ADS-B feet converted). */
  @IsOptional() @IsNumber() alt_m!: number | null;
  /** Ground speed in m/s (ADS-B knots converted). */
  @IsOptional() @IsNumber() speed_mps!: number | null;
  /** Course over ground in degrees from true north. */
  @IsOptional() @IsNumber() heading_deg!: number | null;
  @IsOptional() @IsNumber() rssi_dbm!: number | null;
  @IsOptional() @IsString() operator_id!: string | null;
  @IsOptional() @IsNumber() pilot_lat!: number | null;
  @IsOptional() @IsNumber() pilot_lon!: number | null;
  /** Time of this position (the kit's detection time, else when the collector received it). */
  @IsISO8601() last_seen!: string;
}

export class AirspaceTrackListDto {
  @IsISO8601() server_time!: string;
  /** Only tracks seen at or after this time are listed. */
  @IsISO8601() since!: string;
  @IsInt() count!: number;
  @ValidateNested({ each: true }) @Type(() => AirspaceTrackDto) tracks!: AirspaceTrackDto[];
}

/** A kit's poll statistics: one request is one poll round (/drones and /signals, and /status when due). */
export class KitRequestStatsDto {
  @IsInt() @Min(0) total!: number;
  @IsInt() @Min(0) ok!: number;
  @IsInt() @Min(0) failed!: number;
  /** ok / total in percent (0 before the first poll), one decimal. */
  @IsNumber() @Min(0) @Max(100) success_rate_pct!: number;
}

/** GET /api/v1/airspace/kits: one detection kit, its health and statistics. */
export class AirspaceKitDto {
  @IsString() kit_id!: string;
  @IsString() name!: string;
  @IsOptional() @IsString() location!: string | null;
  @IsString() api_url!: string;
  @IsBoolean() enabled!: boolean;
  @IsIn(KIT_STATUSES) status!: KitStatus;
  /** Since when the kit has been in this status. */
  @IsOptional() @IsISO8601() status_since!: string | null;
  /** Last poll round the kit answered. */
  @IsOptional() @IsISO8601() last_seen!: string | null;
  /** Last poll round that brought a detection or a status record. */
  @IsOptional() @IsISO8601() last_data_at!: string | null;
  @IsOptional() @IsString() last_error!: string | null;
  @IsInt() @Min(0) consecutive_failures!: number;
  /** Delay before the next poll after a failure (seconds); INITIAL_BACKOFF while healthy. */
  @IsNumber() current_backoff_s!: number;
  @ValidateNested() @Type(() => KitRequestStatsDto) requests!: KitRequestStatsDto;
  /** Detections (tracks and signals) stored from this kit. */
  @IsInt() @Min(0) detections_stored!: number;
  /** The analytics-worker process polling it now (null when none is). */
  @IsOptional() @IsString() polled_by!: string | null;
  @IsOptional() @IsISO8601() updated_at!: string | null;
}

export class AirspaceKitListDto {
  @IsISO8601() server_time!: string;
  @ValidateNested({ each: true }) @Type(() => AirspaceKitDto) kits!: AirspaceKitDto[];
}
