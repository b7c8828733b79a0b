import 'reflect-metadata';
import { IsBoolean, IsIn, IsISO8601, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { POD_METHODS, type PodMethod } from './delivery.enums.js';

/**
 * POST /api/v1/orders/{id}/pod as JSON (OTP, OPERATOR_CONFIRM). PHOTO and SIGNATURE are sent as
 * multipart/form-data with these fields plus a `file` part (image/jpeg, image/png or image/webp).
 */
export class CreatePodDto {
  @IsIn(POD_METHODS) method!: PodMethod;
  /** The code the customer received at order time (method OTP). */
  @IsOptional() @Matches(/^[0-9]{6}$/, { message: 'otp must be the 6-digit code' }) otp?: string;
  @IsOptional() @IsString() @MaxLength(1000) notes?: string;
}

export class PodDto {
  @IsUUID() order_id!: string;
  @IsIn(POD_METHODS) method!: PodMethod;
  /** Where ops can fetch the photo or signature (authenticated). */
  @IsOptional() @IsString() photo_url!: string | null;
  @IsOptional() @IsString() confirmed_by!: string | null;
  /** drone_position {lat,lng,alt_m}, position_at, distance_to_dropoff_m, notes. */
  @IsObject() metadata!: Record<string, unknown>;
  /** Dropped farther than POD_MAX_DISTANCE_M from the dropoff, or the position was unknown: ops should check. */
  @IsBoolean() flagged!: boolean;
  @IsISO8601() created_at!: string;
}
