/**
 * The durable hand-off of accepted packets: a Redis stream appended during the ingest request itself, so a
 * 202 means the packet is in Redis. The relay moves it into BullMQ jobs for history and partner fan-out (see docs/architecture.md).
 * One entry per ingest request (see ingest-request.script.ts): t receive time (epoch ms), ip source ip ('' when
 * unknown), d the drone ids of the handed packets joined by ',', p their JSON texts joined by '\n'.
 */
export const HANDOFF_STREAM_KEY = 'telemetry:handoff';
export const RELAY_GROUP = 'relay';
