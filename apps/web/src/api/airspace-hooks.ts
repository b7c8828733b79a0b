import { useQuery } from '@tanstack/react-query';
import { useClients } from './ApiProvider';
import { queryKeys } from './query-keys';

/** How often the traffic layer asks analytics-worker for the tracks the kits see. */
export const TRACKS_REFRESH_MS = 3_000;

/** The latest position of every aircraft and drone the detection kits saw in the last 5 minutes. */
export function useAirspaceTracks(enabled: boolean) {
  const { airspace } = useClients();
  return useQuery({
    queryKey: queryKeys.airspaceTracks(),
    queryFn: () => airspace.getTracks(),
    enabled,
    refetchInterval: enabled ? TRACKS_REFRESH_MS : false,
    staleTime: 0,
  });
}

/** Every detection kit's health and statistics. */
export function useAirspaceKits(refetchMs = 5_000) {
  const { airspace } = useClients();
  return useQuery({ queryKey: queryKeys.airspaceKits(), queryFn: () => airspace.getKits(), refetchInterval: refetchMs, staleTime: 0 });
}
