/** Name of the Server-Sent Event carrying one DroneLatestDto on GET /api/v1/telemetry/stream. */
export const TELEMETRY_STREAM_EVENT = 'drone';
