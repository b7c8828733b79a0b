/** A drone is OFFLINE once its last report (fleet-api's receive time) is older than the threshold. */
export function isOffline(lastSeenMs: number, nowMs: number, offlineAfterS: number, serverSkewMs = 0): boolean {
  if (!Number.isFinite(lastSeenMs)) return true;
  return nowMs + serverSkewMs - lastSeenMs > offlineAfterS * 1000;
}

/**
 * How far the server's clock is ahead of this browser's, from a response's server_time and the moment it was
 * received: last_seen_ts is the server's clock, so offline marking must not depend on the browser's being right.
 */
export function serverSkewMs(serverTimeIso: string, receivedAtMs: number): number {
  const server = Date.parse(serverTimeIso);
  return Number.isFinite(server) ? server - receivedAtMs : 0;
}
