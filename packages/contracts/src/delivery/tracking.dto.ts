import 'reflect-metadata';
import { Latitude, Longitude } from './geo.decorators.js';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsNumber, IsOptional, IsString, ValidateNested } from 'class-validator';
import { ORDER_STATUSES, POD_METHODS, type OrderStatus, type PodMethod } from './delivery.enums.js';

export class TrackingMilestoneDto {
  @IsIn(ORDER_STATUSES) status!: OrderStatus;
  @IsISO8601() at!: string;
}

/** The drone as a customer may see it: a masked label, never its id. */
export class TrackingDroneDto {
  @IsString() label!: string;
  @Latitude() lat!: number;
  @Longitude() lng!: number;
  @IsOptional() @IsNumber() heading_deg!: number | null;
  @IsISO8601() updated_at!: string;
}

export class TrackingPodDto {
  @IsIn(POD_METHODS) method!: PodMethod;
  @IsISO8601() delivered_at!: string;
}

/**
 * GET /api/v1/tracking/{public_tracking_id}: public, sanitized. Never operator identity, customer phone,
 * internal order/job/drone ids.
 */
export class TrackingViewDto {
  @IsString() public_tracking_id!: string;
  @IsIn(ORDER_STATUSES) status!: OrderStatus;
  @ValidateNested({ each: true }) @Type(() => TrackingMilestoneDto) milestones!: TrackingMilestoneDto[];
  @IsOptional() @IsInt() eta_seconds!: number | null;
  @Latitude() dropoff_lat!: number;
  @Longitude() dropoff_lng!: number;
  /** Only while the delivery is under way. */
  @IsOptional() @ValidateNested() @Type(() => TrackingDroneDto) drone!: TrackingDroneDto | null;
  @IsOptional() @ValidateNested() @Type(() => TrackingPodDto) pod!: TrackingPodDto | null;
  @IsISO8601() updated_at!: string;
}
