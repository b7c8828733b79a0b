/** Redis names the registry uses (docs/architecture.md, Redis keys). */

/** Pub/sub: a drone's valid keys after every change (DroneKeyCache), so every replica applies it at once. */
export const DRONE_KEYS_CHANNEL = 'registry:keys';
/** Pub/sub: geofences changed; every replica reloads them. */
export const GEOFENCES_CHANNEL = 'registry:geofences';
/** Pub/sub: an alert changed (AlertDto JSON), for the alert streams of every replica. */
export const ALERTS_CHANNEL = 'alerts:changed';
/** Locks that let one replica at a time run a sweep (SET NX PX). */
export const STATUS_SWEEP_LOCK = 'registry:lock:status-sweep';
export const LINK_LOSS_SWEEP_LOCK = 'alerts:lock:link-loss-sweep';
export const HEARTBEAT_PRUNE_LOCK = 'registry:lock:heartbeat-prune';
