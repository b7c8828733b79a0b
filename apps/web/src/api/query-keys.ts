import type { LeaderboardQueryDto, OrderListQueryDto } from '@wingxtra/contracts/client';

/** Every TanStack Query key in one place, so invalidations name exactly what they refresh. */
export const queryKeys = {
  fleetLatest: () => ['fleet', 'latest'] as const,
  droneLatest: (droneId: string) => ['fleet', 'drone', droneId] as const,
  orders: (query: Omit<OrderListQueryDto, 'cursor'>) => ['delivery', 'orders', query] as const,
  ordersAll: () => ['delivery', 'orders'] as const,
  order: (id: string) => ['delivery', 'order', id] as const,
  orderEvents: (id: string) => ['delivery', 'order', id, 'events'] as const,
  candidates: (id: string) => ['delivery', 'order', id, 'candidates'] as const,
  pod: (id: string) => ['delivery', 'order', id, 'pod'] as const,
  podImage: (id: string) => ['delivery', 'order', id, 'pod', 'image'] as const,
  dispatchDrones: () => ['delivery', 'dispatch', 'drones'] as const,
  serviceAreas: () => ['delivery', 'service-areas'] as const,
  tracking: (publicId: string) => ['delivery', 'tracking', publicId] as const,
  flights: (droneId: string) => ['analytics', 'flights', droneId] as const,
  flight: (id: string, points: number) => ['analytics', 'flight', id, points] as const,
  flightTrack: (id: string) => ['analytics', 'flight', id, 'track'] as const,
  leaderboard: (query: LeaderboardQueryDto) => ['analytics', 'leaderboard', query] as const,
  droneHistory: (droneId: string, from: string, to: string) => ['analytics', 'history', droneId, from, to] as const,
};
