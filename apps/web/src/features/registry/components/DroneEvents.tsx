import { useState } from 'react';
import { DRONE_EVENT_TYPES, type DroneEventType } from '@wingxtra/contracts/client';
import { useDroneEvents } from '../../../api/registry-hooks';
import { Empty, ErrorMessage, Loading } from '../../../components/Feedback';
import { fmtDateTime, humanize } from '../../../utils/format';

/** Who did it, as fleet-api records it in an event's details (a JWT subject, or the admin key). */
function actorOf(details: Record<string, unknown>): string | null {
  const by = details.by ?? details.actor ?? details.sub;
  return typeof by === 'string' ? by : null;
}

/** The drone's history, newest first, by type, older pages on request. */
export function DroneEvents({ droneId }: { droneId: string }) {
  const [type, setType] = useState<DroneEventType | ''>('');
  const events = useDroneEvents(droneId, type ? { type, limit: 25 } : { limit: 25 });
  const items = events.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="events-title">
      <h2 id="events-title">Events</h2>
      <div className="toolbar">
        <label>
          Show{' '}
          <select value={type} onChange={(e) => setType(e.target.value as DroneEventType | '')}>
            <option value="">every event</option>
            {DRONE_EVENT_TYPES.map((t) => (
              <option key={t} value={t}>
                {humanize(t)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {events.isPending ? (
        <Loading what="events" />
      ) : events.error ? (
        <ErrorMessage error={events.error} title="Events" onRetry={() => void events.refetch()} />
      ) : items.length === 0 ? (
        <Empty>{type ? `No ${humanize(type).toLowerCase()} event.` : 'No event yet.'}</Empty>
      ) : (
        <ol className="timeline drone-events">
          {items.map((e) => {
            const actor = actorOf(e.details);
            return (
              <li key={e.id} className={`severity-${e.severity}`} data-event-type={e.type}>
                <div className="timeline-head">
                  <strong>{humanize(e.type)}</strong>
                  <time dateTime={e.created_at}>{fmtDateTime(e.created_at)}</time>
                  {e.severity !== 'info' ? <span className={`badge badge-${e.severity}`}>{e.severity}</span> : null}
                </div>
                <p>{e.message}</p>
                {actor ? <p className="actor">by {actor}</p> : null}
              </li>
            );
          })}
        </ol>
      )}
      {events.hasNextPage ? (
        <button type="button" className="secondary" onClick={() => void events.fetchNextPage()} disabled={events.isFetchingNextPage}>
          {events.isFetchingNextPage ? 'Loading…' : 'Older events'}
        </button>
      ) : null}
    </section>
  );
}
