import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AlertDto,
  AlertListQueryDto,
  CreateGeofenceDto,
  DroneDto,
  DroneEventListQueryDto,
  DroneListQueryDto,
  GeofenceListQueryDto,
  RegisterDroneDto,
  UpdateDroneDto,
  UpdateGeofenceDto,
} from '@wingxtra/contracts/client';
import { useClients } from './ApiProvider';
import { queryKeys } from './query-keys';

// fleet-api's registry: drones, keys, events (OPS reads, ADMIN writes)

/** One page of drones at a time; `cursor` is the previous page's next_cursor (null for the first). */
export function useDrones(query: Omit<DroneListQueryDto, 'cursor'>, cursor: string | null, refetchMs = 15_000) {
  const { registry } = useClients();
  return useQuery({
    queryKey: [...queryKeys.drones(query), cursor] as const,
    queryFn: () => registry.listDrones({ ...query, cursor: cursor ?? undefined }),
    refetchInterval: refetchMs,
    placeholderData: (previous) => previous,
  });
}

/** Every registered drone id (active or not): what tells our own drones from other traffic. */
export function useOurDroneIds(enabled = true) {
  const { registry } = useClients();
  return useQuery({
    queryKey: queryKeys.ourDroneIds(),
    queryFn: async () => {
      const ids = new Set<string>();
      let cursor: string | undefined;
      for (let page = 0; page < 40; page++) {
        const res = await registry.listDrones({ include_inactive: true, limit: 500, cursor });
        res.items.forEach((d) => ids.add(d.drone_id));
        if (!res.next_cursor) break;
        cursor = res.next_cursor;
      }
      return ids;
    },
    enabled,
    staleTime: 60_000,
    refetchInterval: 60_000,
  });
}

export function useDrone(droneId: string, refetchMs = 5_000) {
  const { registry } = useClients();
  return useQuery({
    queryKey: queryKeys.drone(droneId),
    queryFn: async () => {
      const drone = await registry.getDrone(droneId);
      if (!drone) throw new Error(`Drone ${droneId} is not registered.`);
      return drone;
    },
    refetchInterval: refetchMs,
  });
}

export function useDroneEvents(droneId: string, query: Omit<DroneEventListQueryDto, 'cursor'>, refetchMs = 10_000) {
  const { registry } = useClients();
  return useInfiniteQuery({
    queryKey: queryKeys.droneEvents(droneId, query),
    queryFn: ({ pageParam }) => registry.listEvents(droneId, { ...query, cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    refetchInterval: refetchMs,
  });
}

/**
 * The events a heartbeat summary is made of: heartbeat warnings, status changes and companion-computer errors,
 * the newest 100 of each. `truncated` says a kind has more than that.
 */
export function useHeartbeatHistory(droneId: string, refetchMs = 30_000) {
  const { registry } = useClients();
  return useQuery({
    queryKey: [...queryKeys.drone(droneId), 'heartbeat-history'] as const,
    queryFn: async () => {
      const pages = await Promise.all((['heartbeat_warning', 'status_changed', 'error'] as const).map((type) => registry.listEvents(droneId, { type, limit: 100 })));
      return {
        events: pages.flatMap((p) => p.items).sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at)),
        truncated: pages.some((p) => p.next_cursor !== null),
      };
    },
    refetchInterval: refetchMs,
  });
}

export function useDroneKeys(droneId: string, enabled: boolean) {
  const { registry } = useClients();
  return useQuery({ queryKey: queryKeys.droneKeys(droneId), queryFn: () => registry.listKeys(droneId), enabled, refetchInterval: enabled ? 15_000 : false });
}

/** After any change to a drone: its detail, keys, events and every list. */
function useRefreshDrone() {
  const qc = useQueryClient();
  return (drone: DroneDto | string) => {
    const id = typeof drone === 'string' ? drone : drone.drone_id;
    if (typeof drone !== 'string') qc.setQueryData(queryKeys.drone(id), drone);
    void qc.invalidateQueries({ queryKey: queryKeys.drone(id) });
    void qc.invalidateQueries({ queryKey: queryKeys.dronesAll() });
    void qc.invalidateQueries({ queryKey: queryKeys.ourDroneIds() });
  };
}

/** Registers a drone. The answer holds its API key: the caller shows it once and must not keep it anywhere. */
export function useRegisterDrone() {
  const { registry } = useClients();
  const refresh = useRefreshDrone();
  // gcTime 0: the answer (with the key) is dropped as soon as the page lets go of it.
  return useMutation({ mutationFn: (drone: RegisterDroneDto) => registry.registerDrone(drone), onSuccess: (res) => refresh(res.drone), gcTime: 0 });
}

export function useUpdateDrone(droneId: string) {
  const { registry } = useClients();
  const refresh = useRefreshDrone();
  return useMutation({ mutationFn: (patch: UpdateDroneDto) => registry.updateDrone(droneId, patch), onSuccess: refresh });
}

export function useDeactivateDrone(droneId: string) {
  const { registry } = useClients();
  const refresh = useRefreshDrone();
  return useMutation({ mutationFn: () => registry.deactivateDrone(droneId), onSuccess: refresh });
}

/** Issues a new key (shown once by the caller); the current keys keep working for grace_s. */
export function useRotateKey(droneId: string) {
  const { registry } = useClients();
  const refresh = useRefreshDrone();
  // graceS null: fleet-api's own default (DRONE_KEY_GRACE_S).
  return useMutation({ mutationFn: (graceS: number | null) => registry.rotateKey(droneId, graceS === null ? {} : { grace_s: graceS }), onSuccess: () => refresh(droneId), gcTime: 0 });
}

export function useRevokeKey(droneId: string) {
  const { registry } = useClients();
  const refresh = useRefreshDrone();
  return useMutation({ mutationFn: (keyId: string) => registry.revokeKey(droneId, keyId), onSuccess: () => refresh(droneId) });
}

// Geofences (OPS reads, ADMIN writes)

export function useGeofences(query: GeofenceListQueryDto = {}, refetchMs = 30_000) {
  const { registry } = useClients();
  return useQuery({ queryKey: queryKeys.geofences(query), queryFn: () => registry.listGeofences(query), refetchInterval: refetchMs });
}

export function useGeofence(id: string, enabled = true) {
  const { registry } = useClients();
  return useQuery({ queryKey: queryKeys.geofence(id), queryFn: () => registry.getGeofence(id), enabled: enabled && id !== '' });
}

function useRefreshGeofences() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: queryKeys.geofencesAll() });
    void qc.invalidateQueries({ queryKey: ['registry', 'geofence'] });
  };
}

export function useCreateGeofence() {
  const { registry } = useClients();
  const refresh = useRefreshGeofences();
  return useMutation({ mutationFn: (fence: CreateGeofenceDto) => registry.createGeofence(fence), onSuccess: refresh });
}

export function useUpdateGeofence(id: string) {
  const { registry } = useClients();
  const refresh = useRefreshGeofences();
  return useMutation({ mutationFn: (patch: UpdateGeofenceDto) => registry.updateGeofence(id, patch), onSuccess: refresh });
}

export function useDeleteGeofence(id: string) {
  const { registry } = useClients();
  const refresh = useRefreshGeofences();
  return useMutation({ mutationFn: () => registry.deleteGeofence(id), onSuccess: refresh });
}

// Alerts (OPS and ADMIN)

/**
 * Alerts as fleet-api lists them, newest first, page by page. While the alert stream is open the list is not
 * polled (the stream brings every change); otherwise it is read again every `pollMs`.
 */
export function useAlerts(query: Omit<AlertListQueryDto, 'cursor'>, pollMs: number | false, enabled = true) {
  const { registry } = useClients();
  return useInfiniteQuery({
    queryKey: queryKeys.alerts(query),
    queryFn: ({ pageParam }) => registry.listAlerts({ ...query, cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    refetchInterval: pollMs,
    enabled,
  });
}

export function useAcknowledgeAlert(onAcknowledged?: (alert: AlertDto) => void) {
  const { registry } = useClients();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, note }: { id: string; note?: string }) => registry.acknowledgeAlert(id, note ? { note } : {}),
    onSuccess: (alert) => {
      onAcknowledged?.(alert);
      void qc.invalidateQueries({ queryKey: queryKeys.alertsAll() });
    },
  });
}
