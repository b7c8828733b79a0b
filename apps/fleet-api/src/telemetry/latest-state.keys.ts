/*
 * Redis keys of the latest-state store. Per-drone keys carry the drone id as a hash tag ({...}), so all keys
 * of one drone share a Redis Cluster slot (see docs/architecture.md for what Cluster would still need).
 */
/** The drone's latest state as the JSON document served by the API: {drone_id, last_seen_ts, telemetry, source_ip}. */
export const latestKey = (droneId: string) => `latest:{${droneId}}`;
/** Working state: ts_ms, ts, one JSON text per section ever received, and the rate window and its count. */
export const stateKey = (droneId: string) => `state:{${droneId}}`;
/** Every drone id scored by the server time it was last stored at: lists without KEYS or SCAN. */
export const LATEST_INDEX_KEY = 'latest:index';
/** Pub/sub channel carrying, per request, the comma-separated ids of drones whose latest state changed. */
export const LATEST_CHANGED_CHANNEL = 'latest:changed';
