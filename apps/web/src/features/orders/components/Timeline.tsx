import type { DeliveryEventDto } from '@wingxtra/contracts/client';
import { fmtDateTime, humanize } from '../../../utils/format';

/** Payload fields worth showing on the timeline, in words. */
function payloadLines(payload: Record<string, unknown>): string[] {
  const lines: string[] = [];
  const p = payload as Record<string, unknown> & { warnings?: unknown; reasons?: unknown };
  if (typeof p.drone_id === 'string') lines.push(`Drone ${p.drone_id}`);
  if (typeof p.reason === 'string') lines.push(`Reason: ${p.reason}`);
  if (Array.isArray(p.warnings)) for (const w of p.warnings) if (typeof w === 'string') lines.push(`Warning: ${w}`);
  if (Array.isArray(p.reasons)) for (const r of p.reasons) if (typeof r === 'string') lines.push(r);
  if (typeof p.intent_id === 'string') lines.push(`Intent ${p.intent_id}`);
  if (typeof p.battery_pct === 'number') lines.push(`Battery ${Math.round(p.battery_pct)} %`);
  return lines;
}

/** An order's timeline, oldest first: each status change and fact, who made it, and why. */
export function Timeline({ events }: { events: DeliveryEventDto[] }) {
  if (events.length === 0) return <p className="empty">No events yet.</p>;
  return (
    <ol className="timeline" aria-label="Order timeline">
      {events.map((e) => {
        const transition = e.from_status && e.to_status;
        return (
          <li key={e.id} className={transition ? 'transition' : 'fact'} data-type={e.type}>
            <div className="timeline-head">
              <strong>{humanize(e.type)}</strong>
              {transition ? (
                <span className="transition-arrow">
                  {e.from_status} → {e.to_status}
                </span>
              ) : null}
              <time dateTime={e.created_at}>{fmtDateTime(e.created_at)}</time>
            </div>
            <p>{e.message}</p>
            <p className="actor">
              by {e.actor.id} ({e.actor.role})
            </p>
            {payloadLines(e.payload).length > 0 ? (
              <ul className="payload">
                {payloadLines(e.payload).map((l, i) => (
                  <li key={i}>{l}</li>
                ))}
              </ul>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
