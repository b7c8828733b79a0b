import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { TELEMETRY_V1 } from '../telemetry/telemetry-v1.rules.js';
import { ALERT_RULES, ALERT_SEVERITIES, ALERT_STATES, type AlertRule, type AlertSeverity, type AlertState } from './registry.enums.js';

export class AlertDto {
  @IsUUID() id!: string;
  @IsString() drone_id!: string;
  @IsIn(ALERT_RULES) rule!: AlertRule;
  @IsIn(ALERT_STATES) state!: AlertState;
  @IsIn(ALERT_SEVERITIES) severity!: AlertSeverity;
  @IsString() message!: string;
  /** What the rule saw when it raised the alert (zone names, battery, altitude, seconds silent, warnings). */
  @IsObject() details!: Record<string, unknown>;
  @IsISO8601() raised_at!: string;
  @IsOptional() @IsISO8601() acknowledged_at!: string | null;
  /** JWT subject, or `admin-api-key`. */
  @IsOptional() @IsString() acknowledged_by!: string | null;
  @IsOptional() @IsString() ack_note!: string | null;
  @IsOptional() @IsISO8601() cleared_at!: string | null;
  @IsOptional() @IsString() clear_reason!: string | null;
}

/** Newest first. */
export class AlertListDto {
  @ValidateNested({ each: true }) @Type(() => AlertDto) items!: AlertDto[];
  @IsOptional() @IsString() next_cursor!: string | null;
}

/** GET /api/v1/alerts query. `state=open` means active or acknowledged. */
export class AlertListQueryDto {
  @IsOptional() @IsIn([...ALERT_STATES, 'open'], { message: `state must be one of ${[...ALERT_STATES, 'open'].join(', ')}` }) state?: AlertState | 'open';
  @IsOptional() @IsIn(ALERT_RULES, { message: `rule must be one of ${ALERT_RULES.join(', ')}` }) rule?: AlertRule;
  @IsOptional() @Matches(new RegExp(TELEMETRY_V1.droneIdPattern), { message: `drone_id must match ${TELEMETRY_V1.droneIdPattern}` }) drone_id?: string;
  @IsOptional() @IsString() @MaxLength(200) cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

/** POST /api/v1/alerts/{id}/acknowledge (OPS, ADMIN). */
export class AcknowledgeAlertDto {
  @IsOptional() @IsString() @MaxLength(500) note?: string;
}

/** The body POSTed to ALERT_WEBHOOK_URL on every transition (signed when ALERT_WEBHOOK_SECRET is set). */
export class AlertWebhookDto {
  @IsIn(['alert.raised', 'alert.acknowledged', 'alert.cleared']) event!: 'alert.raised' | 'alert.acknowledged' | 'alert.cleared';
  @IsISO8601() sent_at!: string;
  @ValidateNested() @Type(() => AlertDto) alert!: AlertDto;
}

export type Alert = AlertDto;
export type AlertWebhook = AlertWebhookDto;
