/** analytics-worker's own BullMQ queues (internal). */
export const SESSIONIZE_QUEUE = 'sessionize';
export interface SessionizeJob {
  drone_id: string;
}
/** One pending sessionizer job per drone: new telemetry within the delay shares it. */
export const sessionizeJobId = (droneId: string) => `sessionize-${droneId}`; // BullMQ job ids may not contain ":"

export const METRICS_QUEUE = 'flight-metrics';
export interface FlightMetricsJob {
  flight_id: string;
}
