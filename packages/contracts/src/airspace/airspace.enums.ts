/**
 * Health of a detection kit as analytics-worker's airspace collector sees it:
 * unknown (not polled yet), online (answering, with data within STALE_THRESHOLD), offline (not reachable: refused,
 * timed out), stale (answering, but no detection or status record for longer than STALE_THRESHOLD), error (answering
 * wrongly: an HTTP error status or a body that is not the expected JSON).
 */
export const KIT_STATUSES = ['unknown', 'online', 'offline', 'stale', 'error'] as const;
export type KitStatus = (typeof KIT_STATUSES)[number];

/** What a track is: a drone (Remote ID, DJI DroneID, ...) or a manned aircraft (ADS-B). */
export const TRACK_KINDS = ['drone', 'aircraft'] as const;
export type TrackKind = (typeof TRACK_KINDS)[number];
