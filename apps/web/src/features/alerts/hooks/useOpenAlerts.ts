import { useMemo } from 'react';
import type { AlertDto } from '@wingxtra/contracts/client';
import { useAlerts } from '../../../api/registry-hooks';
import { alertCounts, alertsView } from '../utils/alert-list';
import { ALERT_POLL_MS, type AlertStream } from './useAlertStream';

/** The open alerts, live (and those cleared while watching), for the map's panel and its tab's count. */
export function useOpenAlerts(stream: AlertStream, enabled = true) {
  const listed = useAlerts({ state: 'open', limit: 200 }, stream.state === 'stream' ? false : ALERT_POLL_MS, enabled);
  const alerts: AlertDto[] = useMemo(() => alertsView(listed.data?.pages.flatMap((p) => p.items) ?? [], stream.streamed, {}), [listed.data, stream.streamed]);
  return { alerts, counts: alertCounts(alerts), isPending: listed.isPending, error: listed.error, refetch: () => void listed.refetch() };
}

export type OpenAlerts = ReturnType<typeof useOpenAlerts>;
