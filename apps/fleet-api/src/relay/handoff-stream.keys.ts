/**
 * The durable hand-off of accepted packets: a Redis stream appended during the ingest request itself, so a
 * 202 means the packet is in Redis. The relay moves it into BullMQ jobs for history and partner fan-out (see docs/architecture.md).
 * Entry fields: d drone id, t receive time (epoch ms), ip source ip ('' when unknown), p packet JSON.
 */
export const HANDOFF_STREAM_KEY = 'telemetry:handoff';
export const RELAY_GROUP = 'relay';
