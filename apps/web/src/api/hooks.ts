import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AssignOrderDto,
  CreateOrderDto,
  CreatePodDto,
  DeliveryEventDto,
  LeaderboardQueryDto,
  OrderListQueryDto,
  RescheduleOrderDto,
} from '@wingxtra/contracts/client';
import { useClients } from './ApiProvider';
import { queryKeys } from './query-keys';

// fleet-api

export function useDroneLatest(droneId: string | null | undefined, refetchMs = 2_000) {
  const { fleet } = useClients();
  return useQuery({
    queryKey: queryKeys.droneLatest(droneId ?? ''),
    queryFn: () => fleet.getDroneLatest(droneId!),
    enabled: Boolean(droneId),
    refetchInterval: refetchMs,
  });
}

// delivery-service: orders

export function useOrders(query: Omit<OrderListQueryDto, 'cursor'>, refetchMs = 10_000) {
  const { delivery } = useClients();
  return useInfiniteQuery({
    queryKey: queryKeys.orders(query),
    queryFn: ({ pageParam }) => delivery.listOrders({ ...query, cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    refetchInterval: refetchMs,
  });
}

export function useOrder(id: string, refetchMs = 3_000) {
  const { delivery } = useClients();
  return useQuery({ queryKey: queryKeys.order(id), queryFn: () => delivery.getOrder(id), refetchInterval: refetchMs });
}

/** The whole timeline, every page of it, oldest first. */
export function useOrderEvents(id: string, refetchMs = 3_000) {
  const { delivery } = useClients();
  return useQuery({
    queryKey: queryKeys.orderEvents(id),
    queryFn: async () => {
      const all: DeliveryEventDto[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 50; page++) {
        const res = await delivery.getEvents(id, cursor);
        all.push(...res.items);
        if (!res.next_cursor) break;
        cursor = res.next_cursor;
      }
      return all;
    },
    refetchInterval: refetchMs,
  });
}

export function useCandidates(id: string, enabled: boolean) {
  const { delivery } = useClients();
  return useQuery({ queryKey: queryKeys.candidates(id), queryFn: () => delivery.getCandidates(id), enabled, refetchInterval: enabled ? 5_000 : false });
}

export function usePod(id: string, enabled: boolean) {
  const { deliveryExtras } = useClients();
  return useQuery({ queryKey: queryKeys.pod(id), queryFn: () => deliveryExtras.getPod(id), enabled });
}

export function usePodImage(id: string, enabled: boolean) {
  const { deliveryExtras } = useClients();
  return useQuery({ queryKey: queryKeys.podImage(id), queryFn: () => deliveryExtras.getPodImage(id), enabled, staleTime: Infinity });
}

/** After any change to an order: its detail, timeline, candidates and every list. */
function useRefreshOrder() {
  const qc = useQueryClient();
  return (id: string) => {
    void qc.invalidateQueries({ queryKey: queryKeys.order(id) });
    void qc.invalidateQueries({ queryKey: queryKeys.ordersAll() });
  };
}

export function useCreateOrder() {
  const { delivery } = useClients();
  const refresh = useRefreshOrder();
  return useMutation({
    mutationFn: ({ order, idempotencyKey }: { order: CreateOrderDto; idempotencyKey: string }) => delivery.createOrder(order, idempotencyKey),
    onSuccess: (created) => refresh(created.id),
  });
}

export function useCancelOrder(id: string) {
  const { delivery } = useClients();
  const refresh = useRefreshOrder();
  return useMutation({ mutationFn: (reason: string | undefined) => delivery.cancelOrder(id, reason), onSuccess: () => refresh(id) });
}

export function useRescheduleOrder(id: string) {
  const { delivery } = useClients();
  const refresh = useRefreshOrder();
  return useMutation({ mutationFn: (body: RescheduleOrderDto) => delivery.rescheduleOrder(id, body), onSuccess: () => refresh(id) });
}

export function useRunDispatch(id: string) {
  const { delivery } = useClients();
  const refresh = useRefreshOrder();
  return useMutation({ mutationFn: () => delivery.runDispatch(), onSuccess: () => refresh(id) });
}

export function useAssignOrder(id: string) {
  const { delivery } = useClients();
  const refresh = useRefreshOrder();
  return useMutation({ mutationFn: (body: AssignOrderDto) => delivery.assignOrder(id, body), onSuccess: () => refresh(id) });
}

export function useSubmitMissionIntent(id: string) {
  const { delivery } = useClients();
  const refresh = useRefreshOrder();
  return useMutation({ mutationFn: () => delivery.submitMissionIntent(id), onSuccess: () => refresh(id) });
}

export type PodSubmission =
  | { kind: 'json'; pod: CreatePodDto; idempotencyKey: string }
  | { kind: 'image'; method: 'PHOTO' | 'SIGNATURE'; image: Blob; fileName: string; notes?: string; idempotencyKey: string };

export function useCreatePod(id: string) {
  const { delivery, deliveryExtras } = useClients();
  const refresh = useRefreshOrder();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (s: PodSubmission) =>
      s.kind === 'json' ? delivery.createPod(id, s.pod, s.idempotencyKey) : deliveryExtras.createPodWithImage(id, s.method, s.image, s.fileName, s.notes, s.idempotencyKey),
    onSuccess: () => {
      refresh(id);
      void qc.invalidateQueries({ queryKey: queryKeys.pod(id) });
    },
  });
}

// delivery-service: public tracking

export function useTracking(publicId: string, refetchMs = 5_000) {
  const { delivery } = useClients();
  return useQuery({
    queryKey: queryKeys.tracking(publicId),
    queryFn: () => delivery.getTracking(publicId),
    refetchInterval: (q) => (q.state.error ? false : refetchMs),
    retry: false,
    staleTime: 0,
  });
}

// analytics-worker

export function useFlights(droneId: string) {
  const { analytics } = useClients();
  return useInfiniteQuery({
    queryKey: queryKeys.flights(droneId),
    queryFn: ({ pageParam }) => analytics.listFlights(droneId, { before: pageParam ?? undefined, limit: 50 }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_before,
    enabled: droneId !== '',
  });
}

export function useFlight(id: string, points = 2_000) {
  const { analytics } = useClients();
  return useQuery({ queryKey: queryKeys.flight(id, points), queryFn: () => analytics.getFlight(id, points) });
}

export function useFlightTrack(id: string) {
  const { analytics } = useClients();
  return useQuery({ queryKey: queryKeys.flightTrack(id), queryFn: () => analytics.getFlightTrack(id, 2_000) });
}

export function useRecomputeFlight(id: string) {
  const { analytics } = useClients();
  const qc = useQueryClient();
  return useMutation({ mutationFn: () => analytics.recomputeFlight(id), onSuccess: () => void qc.invalidateQueries({ queryKey: ['analytics', 'flight', id] }) });
}

export function useLeaderboard(query: LeaderboardQueryDto) {
  const { analytics } = useClients();
  return useQuery({ queryKey: queryKeys.leaderboard(query), queryFn: () => analytics.getLeaderboard(query) });
}

export function useDroneHistory(droneId: string, from: string, to: string, enabled: boolean) {
  const { analytics } = useClients();
  return useQuery({
    queryKey: queryKeys.droneHistory(droneId, from, to),
    queryFn: () => analytics.getDroneHistory(droneId, from, to, 5_000),
    enabled: enabled && droneId !== '' && from !== '' && to !== '',
    staleTime: Infinity,
  });
}
