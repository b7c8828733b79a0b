import { useMemo } from 'react';
import type { AirspaceTrackDto } from '@wingxtra/contracts/client';
import { useAirspaceTracks } from '../../../api/airspace-hooks';
import { useOurDroneIds } from '../../../api/registry-hooks';
import { otherTraffic } from '../utils/traffic';

export interface OtherTraffic {
  tracks: AirspaceTrackDto[];
  /** analytics-worker's clock when it answered (ages are judged on it). */
  serverNowMs: number;
  /** Tracks left out as ours. */
  ours: number;
  isPending: boolean;
  error: unknown;
}

/** What the kits see that is not ours, refreshed every few seconds while `enabled`. */
export function useOtherTraffic(enabled: boolean, reportingIds: readonly string[]): OtherTraffic {
  const tracks = useAirspaceTracks(enabled);
  const registered = useOurDroneIds(enabled);
  return useMemo(() => {
    const ours = new Set<string>(reportingIds);
    registered.data?.forEach((id) => ours.add(id));
    const all = tracks.data?.tracks ?? [];
    const others = otherTraffic(all, ours);
    return {
      tracks: others,
      serverNowMs: tracks.data ? Date.parse(tracks.data.server_time) : Date.now(),
      ours: all.length - others.length,
      isPending: tracks.isPending,
      error: tracks.error,
    };
  }, [tracks.data, tracks.error, tracks.isPending, registered.data, reportingIds]);
}
