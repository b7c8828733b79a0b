import { Injectable } from '@nestjs/common';
import type { AlertDto, AlertRule, AlertSeverity, AlertState } from '@wingxtra/contracts';
import { PrismaService } from '../database/prisma.service.js';
import { Prisma, type Alert } from '../generated/prisma/client.js';

interface AlertRow {
  id: string;
  drone_id: string;
  rule: string;
  state: string;
  severity: string;
  message: string;
  details: Record<string, unknown> | null;
  raised_at: Date;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  ack_note: string | null;
  cleared_at: Date | null;
  clear_reason: string | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const toAlertDto = (a: AlertRow): AlertDto => ({
  id: a.id,
  drone_id: a.drone_id,
  rule: a.rule as AlertRule,
  state: a.state as AlertState,
  severity: a.severity as AlertSeverity,
  message: a.message,
  details: a.details ?? {},
  raised_at: a.raised_at.toISOString(),
  acknowledged_at: iso(a.acknowledged_at),
  acknowledged_by: a.acknowledged_by,
  ack_note: a.ack_note,
  cleared_at: iso(a.cleared_at),
  clear_reason: a.clear_reason,
});

const fromModel = (a: Alert): AlertDto =>
  toAlertDto({
    id: a.id, drone_id: a.droneId, rule: a.rule, state: a.state, severity: a.severity, message: a.message, details: a.details as Record<string, unknown> | null,
    raised_at: a.raisedAt, acknowledged_at: a.acknowledgedAt, acknowledged_by: a.acknowledgedBy, ack_note: a.ackNote, cleared_at: a.clearedAt, clear_reason: a.clearReason,
  });

export interface AlertFilter {
  state?: AlertState | 'open';
  rule?: AlertRule;
  droneId?: string;
  before?: { raisedAt: Date; id: string };
  limit: number;
}

/** The only place that speaks SQL for alerts. One open alert per drone and rule is the database's rule (partial unique index). */
@Injectable()
export class AlertsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Raises the alert unless one of the rule is open for the drone; the new alert, or null when it was open already. */
  async raise(droneId: string, rule: AlertRule, severity: AlertSeverity, message: string, details: Record<string, unknown>): Promise<AlertDto | null> {
    const { rows } = await this.prisma.pool.query<AlertRow>(
      `INSERT INTO alerts (id, drone_id, rule, state, severity, message, details)
       VALUES (gen_random_uuid(), $1, $2, 'active', $3, $4, $5)
       ON CONFLICT (drone_id, rule) WHERE state <> 'cleared' DO NOTHING
       RETURNING *`,
      [droneId, rule, severity, message, JSON.stringify(details)],
    );
    return rows[0] ? toAlertDto(rows[0]) : null;
  }

  /** Clears the drone's open alert of the rule; the cleared alert, or null when none was open. */
  async clear(droneId: string, rule: AlertRule, reason: string): Promise<AlertDto | null> {
    const { rows } = await this.prisma.pool.query<AlertRow>(
      `UPDATE alerts SET state = 'cleared', cleared_at = now(), clear_reason = $3 WHERE drone_id = $1 AND rule = $2 AND state <> 'cleared' RETURNING *`,
      [droneId, rule, reason],
    );
    return rows[0] ? toAlertDto(rows[0]) : null;
  }

  /** Open rules per drone, for the given drones (or every drone with the rule, when droneIds is null). */
  async open(droneIds: string[] | null, rule?: AlertRule): Promise<Array<{ drone_id: string; rule: AlertRule }>> {
    const { rows } = await this.prisma.pool.query<{ drone_id: string; rule: AlertRule }>(
      `SELECT drone_id, rule FROM alerts WHERE state <> 'cleared' AND ($1::text[] IS NULL OR drone_id = ANY($1)) AND ($2::text IS NULL OR rule = $2)`,
      [droneIds, rule ?? null],
    );
    return rows;
  }

  async acknowledge(id: string, by: string, note: string | null): Promise<AlertDto | null> {
    const { rows } = await this.prisma.pool.query<AlertRow>(
      `UPDATE alerts SET state = 'acknowledged', acknowledged_at = now(), acknowledged_by = $2, ack_note = $3 WHERE id = $1 AND state = 'active' RETURNING *`,
      [id, by, note],
    );
    return rows[0] ? toAlertDto(rows[0]) : null;
  }

  async find(id: string): Promise<AlertDto | null> {
    const a = await this.prisma.alert.findUnique({ where: { id } });
    return a ? fromModel(a) : null;
  }

  async list(f: AlertFilter): Promise<AlertDto[]> {
    const where: Prisma.AlertWhereInput = {
      ...(f.state === 'open' ? { state: { in: ['active', 'acknowledged'] } } : f.state ? { state: f.state } : {}),
      ...(f.rule ? { rule: f.rule } : {}),
      ...(f.droneId ? { droneId: f.droneId } : {}),
      ...(f.before ? { OR: [{ raisedAt: { lt: f.before.raisedAt } }, { raisedAt: f.before.raisedAt, id: { lt: f.before.id } }] } : {}),
    };
    const rows = await this.prisma.alert.findMany({ where, orderBy: [{ raisedAt: 'desc' }, { id: 'desc' }], take: f.limit });
    return rows.map(fromModel);
  }
}
