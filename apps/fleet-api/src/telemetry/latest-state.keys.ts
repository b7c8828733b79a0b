/*
 * Redis keys of the latest-state store. Per-drone keys carry the drone id as a hash tag ({...}), so every
 * key of one drone lives in one Redis Cluster slot and the ingest script may touch them together.
 */
export const latestKey = (droneId: string) => `latest:{${droneId}}`;
/** Recent packet times of a drone, for duplicate detection (a short sorted set). */
export const seenKey = (droneId: string) => `seen:{${droneId}}`;
/** Request counter of a drone for the current one-second window. */
export const rateKey = (droneId: string) => `rate:{${droneId}}`;
/** Every drone id scored by the server time it was last seen at: lists without KEYS or SCAN. */
export const LATEST_INDEX_KEY = 'latest:index';
/** Pub/sub channel carrying the id of each drone whose latest state changed. */
export const LATEST_CHANGED_CHANNEL = 'latest:changed';
