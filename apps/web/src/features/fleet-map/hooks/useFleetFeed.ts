import { useEffect, useRef, useState } from 'react';
import { TELEMETRY_STREAM_EVENT, type DroneLatest } from '@wingxtra/contracts/client';
import { toPublicPath } from '../../../../server/proxy-map';
import { useClients } from '../../../api/ApiProvider';
import type { FleetStore } from '../utils/fleet-store';
import { serverSkewMs } from '../utils/offline';

export const POLL_EVERY_MS = 2_000;
/** Stream events are gathered this long and applied together (the stream itself sends changes every 250 ms). */
const COALESCE_MS = 100;
/** After the browser gives up on the stream (an HTTP error, not a dropped connection), try again this soon. */
const REOPEN_AFTER_MS = 5_000;

export type FeedMode = 'auto' | 'poll';
export type FeedState = 'connecting' | 'stream' | 'polling-fallback' | 'polling';

export interface FleetFeed {
  state: FeedState;
  /** The last poll's failure, if the latest one failed. */
  pollError: unknown;
  lastUpdateAt: number | null;
}

/**
 * Keeps the store fed: fleet-api's SSE stream (GET /api/v1/telemetry/stream) while it is open, and a poll of
 * GET /api/v1/telemetry/latest every 2 s while it is not (or always, in 'poll' mode). One poll at start gives
 * the whole fleet at once and the server's clock. Each batch goes through onBatch, which applies and draws.
 */
export function useFleetFeed(store: FleetStore, mode: FeedMode, onBatch: (drones: DroneLatest[], source: 'stream' | 'poll') => void): FleetFeed {
  const { fleet } = useClients();
  const [state, setState] = useState<FeedState>(mode === 'poll' ? 'polling' : 'connecting');
  const [pollError, setPollError] = useState<unknown>(null);
  const [lastUpdateAt, setLastUpdateAt] = useState<number | null>(null);
  const onBatchRef = useRef(onBatch);
  onBatchRef.current = onBatch;

  useEffect(() => {
    let stopped = false;
    let streamOpen = false;
    let pollTimer: ReturnType<typeof setTimeout> | undefined;
    let reopenTimer: ReturnType<typeof setTimeout> | undefined;
    let flushTimer: ReturnType<typeof setTimeout> | undefined;
    let source: EventSource | null = null;
    let buffer: DroneLatest[] = [];

    const poll = async () => {
      try {
        const res = await fleet.getLatest();
        if (stopped) return;
        store.skewMs = serverSkewMs(res.server_time, Date.now());
        onBatchRef.current(res.drones, 'poll');
        setPollError(null);
        setLastUpdateAt(Date.now());
      } catch (err) {
        if (!stopped) setPollError(err);
      }
      if (!stopped && (mode === 'poll' || !streamOpen)) pollTimer = setTimeout(() => void poll(), POLL_EVERY_MS);
    };

    const flush = () => {
      flushTimer = undefined;
      const batch = buffer;
      buffer = [];
      if (batch.length > 0 && !stopped) {
        onBatchRef.current(batch, 'stream');
        setLastUpdateAt(Date.now());
      }
    };

    const open = () => {
      source = new EventSource(toPublicPath('fleet', '/api/v1/telemetry/stream'));
      source.addEventListener('open', () => {
        streamOpen = true;
        clearTimeout(pollTimer);
        setState('stream');
      });
      source.addEventListener(TELEMETRY_STREAM_EVENT, (ev) => {
        try {
          buffer.push(JSON.parse((ev as MessageEvent<string>).data) as DroneLatest);
        } catch {
          return; // a malformed event changes nothing
        }
        flushTimer ??= setTimeout(flush, COALESCE_MS);
      });
      source.addEventListener('error', () => {
        if (stopped) return;
        const wasOpen = streamOpen;
        streamOpen = false;
        setState('polling-fallback');
        if (wasOpen || pollTimer === undefined) {
          clearTimeout(pollTimer);
          void poll();
        }
        // A closed EventSource never retries by itself (the server answered an error): open a new one later.
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          reopenTimer = setTimeout(open, REOPEN_AFTER_MS);
        }
      });
    };

    void poll();
    if (mode === 'auto' && typeof EventSource !== 'undefined') open();
    else setState('polling');

    return () => {
      stopped = true;
      source?.close();
      clearTimeout(pollTimer);
      clearTimeout(reopenTimer);
      clearTimeout(flushTimer);
    };
  }, [fleet, store, mode]);

  return { state, pollError, lastUpdateAt };
}
