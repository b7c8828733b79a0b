import 'reflect-metadata';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsISO8601, IsNumber, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { GEOFENCE_KINDS, type GeofenceKind } from './registry.enums.js';

// Defined in registry.enums.ts (no decorators, so the browser entry can carry it); still exported here for importers of this file.
export { GEOFENCE_KINDS, type GeofenceKind };

/** A GeoJSON Polygon geometry: rings of [lon, lat] positions, the first the boundary, the rest holes, each closed. */
export class GeoJsonPolygonDto {
  @IsIn(['Polygon'], { message: 'geometry.type must be Polygon' }) type!: 'Polygon';
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) coordinates!: number[][][];
}

/** POST /api/v1/geofences (ADMIN). The altitude band is in the drones' alt_m; null or absent means unbounded. */
export class CreateGeofenceDto {
  @IsString() @MinLength(1) @MaxLength(120) name!: string;
  @IsIn(GEOFENCE_KINDS, { message: `kind must be one of ${GEOFENCE_KINDS.join(', ')}` }) kind!: GeofenceKind;
  @ValidateNested() @Type(() => GeoJsonPolygonDto) geometry!: GeoJsonPolygonDto;
  /** Service area: the lowest allowed altitude; no-fly zone: the floor of the forbidden volume. */
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) min_alt_m?: number | null;
  /** Service area: the altitude limit; no-fly zone: the ceiling of the forbidden volume. */
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) max_alt_m?: number | null;
  @IsOptional() @IsBoolean() active?: boolean;
}

/** PATCH /api/v1/geofences/{id} (ADMIN): any subset. */
export class UpdateGeofenceDto {
  @IsOptional() @IsString() @MinLength(1) @MaxLength(120) name?: string;
  @IsOptional() @IsIn(GEOFENCE_KINDS, { message: `kind must be one of ${GEOFENCE_KINDS.join(', ')}` }) kind?: GeofenceKind;
  @IsOptional() @ValidateNested() @Type(() => GeoJsonPolygonDto) geometry?: GeoJsonPolygonDto;
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) min_alt_m?: number | null;
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) max_alt_m?: number | null;
  @IsOptional() @IsBoolean() active?: boolean;
}

export class GeofenceDto {
  @IsUUID() id!: string;
  @IsString() name!: string;
  @IsIn(GEOFENCE_KINDS) kind!: GeofenceKind;
  @ValidateNested() @Type(() => GeoJsonPolygonDto) geometry!: GeoJsonPolygonDto;
  @IsOptional() @IsNumber() min_alt_m!: number | null;
  @IsOptional() @IsNumber() max_alt_m!: number | null;
  @IsBoolean() active!: boolean;
  @IsISO8601() created_at!: string;
  @IsISO8601() updated_at!: string;
}

export class GeofenceListDto {
  @ValidateNested({ each: true }) @Type(() => GeofenceDto) items!: GeofenceDto[];
}

/** GET /api/v1/geofences query: active fences of both kinds unless told otherwise. */
export class GeofenceListQueryDto {
  @IsOptional() @IsIn(GEOFENCE_KINDS, { message: `kind must be one of ${GEOFENCE_KINDS.join(', ')}` }) kind?: GeofenceKind;
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean() include_inactive?: boolean;
}

export type Geofence = GeofenceDto;
export type GeoJsonPolygon = GeoJsonPolygonDto;
