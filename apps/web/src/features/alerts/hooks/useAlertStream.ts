import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { ALERT_STREAM_EVENT, type AlertDto } from '@wingxtra/contracts/client';
import { toPublicPath } from '../../../../server/proxy-map';
import { useAuth } from '../../../app/auth/AuthContext';
import { queryKeys } from '../../../api/query-keys';
import { newerAlert } from '../utils/alert-list';

/** After the browser gives up on the stream (an HTTP error rather than a dropped connection), try again this soon. */
export const ALERT_REOPEN_MS = 5_000;
/** While the stream is down the lists are read again this often. */
export const ALERT_POLL_MS = 5_000;
/** Cleared alerts stay in the live list (greyed) this long. */
export const CLEARED_KEPT_MS = 30 * 60_000;
const COALESCE_MS = 100;

export type AlertStreamState = 'connecting' | 'stream' | 'polling-fallback';

export interface AlertStream {
  state: AlertStreamState;
  /** Every alert the stream brought (its latest copy), for alertsView to lay over the listed ones. */
  streamed: AlertDto[];
  /** A copy known to be current (an acknowledgement's answer), merged as a stream event would be. */
  apply(alert: AlertDto): void;
}

/**
 * Only the copies that cannot have gone stale: a cleared alert never changes again, while an open one may have been
 * acknowledged or cleared while the stream was away (the snapshot at reopening brings the open ones back).
 */
function keepFinal(held: Map<string, AlertDto>, nowMs: number): Map<string, AlertDto> {
  const next = new Map<string, AlertDto>();
  for (const [id, a] of held) if (a.state === 'cleared' && nowMs - Date.parse(a.cleared_at ?? a.raised_at) < CLEARED_KEPT_MS) next.set(id, a);
  return next;
}

/**
 * fleet-api's alert stream (GET /api/v1/alerts/stream, every open alert first, then each change), with the token in
 * `?access_token=` because EventSource sends no headers. It reopens by itself after a dropped connection and after
 * an error answer; while it is down, `state` says so and the lists poll (ALERT_POLL_MS). On every reopening the
 * lists are read again, so nothing that changed meanwhile is missed.
 */
export function useAlertStream(enabled = true): AlertStream {
  const { session } = useAuth();
  const qc = useQueryClient();
  const token = session?.token;
  const [state, setState] = useState<AlertStreamState>('connecting');
  const [held, setHeld] = useState<Map<string, AlertDto>>(() => new Map());

  const merge = useCallback((batch: readonly AlertDto[]) => {
    setHeld((prev) => {
      const next = new Map(prev);
      for (const a of batch) {
        const h = next.get(a.id);
        next.set(a.id, h ? newerAlert(h, a) : a);
      }
      return next;
    });
  }, []);

  useEffect(() => {
    if (!enabled) return;
    if (!token || typeof EventSource === 'undefined') {
      setState('polling-fallback');
      return;
    }
    let stopped = false;
    let source: EventSource | null = null;
    let reopenTimer: ReturnType<typeof setTimeout> | undefined;
    let flushTimer: ReturnType<typeof setTimeout> | undefined;
    let buffer: AlertDto[] = [];

    const flush = () => {
      flushTimer = undefined;
      const batch = buffer;
      buffer = [];
      if (!stopped && batch.length > 0) merge(batch);
    };

    const open = () => {
      source = new EventSource(`${toPublicPath('fleet', '/api/v1/alerts/stream')}?access_token=${encodeURIComponent(token)}`);
      source.addEventListener('open', () => {
        if (stopped) return;
        setHeld((prev) => keepFinal(prev, Date.now()));
        setState('stream');
        void qc.invalidateQueries({ queryKey: queryKeys.alertsAll() });
      });
      source.addEventListener(ALERT_STREAM_EVENT, (ev) => {
        try {
          buffer.push(JSON.parse((ev as MessageEvent<string>).data) as AlertDto);
        } catch {
          return; // a malformed event changes nothing
        }
        flushTimer ??= setTimeout(flush, COALESCE_MS);
      });
      source.addEventListener('error', () => {
        if (stopped) return;
        setHeld((prev) => keepFinal(prev, Date.now()));
        setState('polling-fallback');
        // A closed EventSource never retries by itself (the server answered an error): open a new one later.
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          reopenTimer = setTimeout(open, ALERT_REOPEN_MS);
        }
      });
    };
    setState('connecting');
    open();
    return () => {
      stopped = true;
      source?.close();
      clearTimeout(reopenTimer);
      clearTimeout(flushTimer);
    };
  }, [token, qc, merge, enabled]);

  const apply = useCallback((alert: AlertDto) => merge([alert]), [merge]);
  return { state, streamed: [...held.values()], apply };
}
