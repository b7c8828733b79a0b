import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsIn, IsISO8601, IsObject, IsOptional, IsString, IsUUID, ValidateNested } from 'class-validator';
import { ORDER_STATUSES, type OrderStatus } from './delivery.enums.js';

export class EventActorDto {
  /** JWT subject, or `system:<component>` for automatic steps (dispatch, progress, bridge). */
  @IsString() id!: string;
  @IsString() role!: string;
}

/** One immutable entry of an order's timeline (GET /api/v1/orders/{id}/events). */
export class DeliveryEventDto {
  @IsString() id!: string;
  @IsUUID() order_id!: string;
  @IsOptional() @IsUUID() job_id!: string | null;
  /** The new status for transitions (ASSIGNED, DELIVERED, ...), otherwise a fact: DRONE_OFFLINE, UPDATED, DRONE_OFFLINE, DRONE_ONLINE, MISSION_INTENT_CREATED, MISSION_REJECTED, MISSION_PUBLISH_FAILED, PAYLOAD_DROPPED, ... */
  @IsString() type!: string;
  @IsOptional() @IsIn(ORDER_STATUSES) from_status!: OrderStatus | null;
  @IsOptional() @IsIn(ORDER_STATUSES) to_status!: OrderStatus | null;
  @ValidateNested() @Type(() => EventActorDto) actor!: EventActorDto;
  @IsString() message!: string;
  @IsObject() payload!: Record<string, unknown>;
  @IsISO8601() created_at!: string;
}

export class DeliveryEventListDto {
  @ValidateNested({ each: true }) @Type(() => DeliveryEventDto) items!: DeliveryEventDto[];
  @IsOptional() @IsString() next_cursor!: string | null;
}
