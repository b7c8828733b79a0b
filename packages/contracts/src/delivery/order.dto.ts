import 'reflect-metadata';
import { Latitude, Longitude } from './geo.decorators.js';
import { Type } from 'class-transformer';
import {
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
import { ORDER_STATUSES, PRIORITIES, JOB_STATUSES, type JobStatus, type OrderStatus, type Priority } from './delivery.enums.js';

/** E.164-style phone: optional +, 7 to 15 digits, spaces and dashes allowed between them. */
export const PHONE_PATTERN = /^\+?[0-9][0-9 -]{5,18}[0-9]$/;

/** POST /api/v1/orders. Merchants' orders carry the merchant_id of their token; OPS/ADMIN may set it. */
export class CreateOrderDto {
  @IsOptional() @IsString() @MinLength(1) @MaxLength(120)
  customer_name?: string;

  @IsOptional() @IsString() @Matches(PHONE_PATTERN, { message: 'customer_phone must be a phone number such as +233201234567' })
  customer_phone?: string;

  @Latitude() pickup_lat!: number;
  @Longitude() pickup_lng!: number;
  @Latitude() dropoff_lat!: number;
  @Longitude() dropoff_lng!: number;

  /** Horizontal accuracy of the customer's GPS fix, in metres. */
  @IsOptional() @IsNumber() @Min(0) @Max(10000)
  dropoff_accuracy_m?: number;

  /** When the customer's device captured the dropoff position. */
  @IsOptional() @IsISO8601({ strict: true })
  dropoff_captured_at?: string;

  @IsNumber() @Min(0.01) @Max(1000)
  payload_weight_kg!: number;

  @IsString() @MinLength(1) @MaxLength(64)
  payload_type!: string;

  @IsOptional() @IsIn(PRIORITIES)
  priority?: Priority;

  /** Deliver no earlier than this; the order waits VALIDATED until then. */
  @IsOptional() @IsISO8601({ strict: true })
  scheduled_for?: string;

  /** Only OPS/ADMIN may name the merchant; merchants' orders always carry their own. */
  @IsOptional() @IsString() @MaxLength(64)
  merchant_id?: string;
}

/** PATCH /api/v1/orders/{id}: only these fields may change, and only before a drone is assigned. */
export class UpdateOrderDto {
  @IsOptional() @Latitude() dropoff_lat?: number;
  @IsOptional() @Longitude() dropoff_lng?: number;
  @IsOptional() @IsNumber() @Min(0) @Max(10000) dropoff_accuracy_m?: number;
  @IsOptional() @IsISO8601({ strict: true }) dropoff_captured_at?: string;
  @IsOptional() @IsString() @Matches(PHONE_PATTERN, { message: 'customer_phone must be a phone number such as +233201234567' })
  customer_phone?: string;
  @IsOptional() @IsIn(PRIORITIES) priority?: Priority;
}

/** POST /api/v1/orders/{id}/reschedule. */
export class RescheduleOrderDto {
  @IsISO8601({ strict: true }) scheduled_for!: string;
  @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

/** POST /api/v1/orders/{id}/cancel. */
export class CancelOrderDto {
  @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

/** GET /api/v1/orders query. `from`/`to` bound created_at; `q` searches customer name, phone, payload type and the exact tracking id. */
export class OrderListQueryDto {
  @IsOptional() @IsIn(ORDER_STATUSES) status?: OrderStatus;
  @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @IsOptional() @IsISO8601({ strict: true }) to?: string;
  @IsOptional() @IsString() @MaxLength(120) q?: string;
  /** next_cursor of the previous page. */
  @IsOptional() @IsString() @MaxLength(200) cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

/** The order's current execution attempt. */
export class ActiveJobDto {
  @IsUUID() id!: string;
  @IsString() drone_id!: string;
  @IsIn(JOB_STATUSES) status!: JobStatus;
  @IsInt() attempt!: number;
  @IsOptional() @IsInt() eta_seconds!: number | null;
  @IsOptional() @IsUUID() mission_intent_id!: string | null;
}

export class OrderDto {
  @IsUUID() id!: string;
  @IsString() public_tracking_id!: string;
  @IsOptional() @IsString() merchant_id!: string | null;
  @IsOptional() @IsString() customer_name!: string | null;
  @IsOptional() @IsString() customer_phone!: string | null;
  @Latitude() pickup_lat!: number;
  @Longitude() pickup_lng!: number;
  @Latitude() dropoff_lat!: number;
  @Longitude() dropoff_lng!: number;
  @IsOptional() @IsNumber() dropoff_accuracy_m!: number | null;
  @IsOptional() @IsISO8601() dropoff_captured_at!: string | null;
  @IsNumber() payload_weight_kg!: number;
  @IsString() payload_type!: string;
  @IsIn(PRIORITIES) priority!: Priority;
  @IsIn(ORDER_STATUSES) status!: OrderStatus;
  /** Increments with every change; transitions check it. */
  @IsInt() version!: number;
  @IsOptional() @IsUUID() service_area_id!: string | null;
  @IsOptional() @IsISO8601() scheduled_for!: string | null;
  @IsISO8601() created_at!: string;
  @IsISO8601() updated_at!: string;
  @IsOptional() @ValidateNested() @Type(() => ActiveJobDto) active_job!: ActiveJobDto | null;
}

/**
 * 201 body of POST /api/v1/orders: the order plus its delivery OTP, shown this once (stored hashed). A
 * replay of the same Idempotency-Key answers the same order with otp null: the code is never kept in clear.
 */
export class CreatedOrderDto extends OrderDto {
  @IsOptional() @IsString() otp!: string | null;
}

export class OrderListDto {
  @ValidateNested({ each: true }) @Type(() => OrderDto) items!: OrderDto[];
  /** Pass as `cursor` for the next page; null on the last page. */
  @IsOptional() @IsString() next_cursor!: string | null;
}

/** A point in delivery-service's field names ({lat, lng}, degrees). */
export class LatLngDto {
  @Latitude() lat!: number;
  @Longitude() lng!: number;
}

/** The geofence rules an order's pickup or dropoff can break (fleet-api's geofences, judged by checkPosition). */
export const ORDER_POSITION_RULES = ['no_fly_zone', 'outside_service_area'] as const;
export type OrderPositionRule = (typeof ORDER_POSITION_RULES)[number];

/**
 * One broken rule of a refused pickup or dropoff, in `errors` of the 422 that POST and PATCH /api/v1/orders answer
 * (whose body also carries the first one's `field`, `rule`, `fences` and `nearest_allowed` at the top level).
 */
export class OrderPositionRefusalDto {
  @IsIn(['pickup', 'dropoff']) field!: 'pickup' | 'dropoff';
  @IsIn(ORDER_POSITION_RULES) rule!: OrderPositionRule;
  /** The no-fly zones the point is in, or the service areas it is outside of. */
  @IsString({ each: true }) fences!: string[];
  @IsString() message!: string;
  /** The nearest point inside a service area and outside every no-fly zone; null when none was found. */
  @IsOptional() @ValidateNested() @Type(() => LatLngDto) nearest_allowed!: LatLngDto | null;
}
