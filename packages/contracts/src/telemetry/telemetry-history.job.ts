/*
 * The history hand-off from fleet-api to the analytics worker: a BullMQ queue of packet batches.
 * fleet-api appends every accepted packet to a Redis stream in the same atomic script that stores the latest
 * state (so a 202 means it is in Redis), and its relay moves the stream into these jobs. Delivery is at least
 * once: after a crash a packet may come twice, so store history idempotently on (drone_id, ts).
 */

export const TELEMETRY_HISTORY_QUEUE = 'telemetry-history';
export const TELEMETRY_HISTORY_JOB = 'telemetry-batch';
/** Attempts of a history job (exponential backoff from 1 s: about 34 minutes in all) before it waits in the failed set. */
export const HISTORY_JOB_ATTEMPTS = 12;

export interface HistoryPacket {
  drone_id: string;
  /** Server receive time, RFC 3339. */
  received_at: string;
  source_ip: string | null;
  /**
   * The validated packet as JSON text (parse it where it is stored), unknown fields dropped: a TelemetryPacket,
   * v1 or v2 as the drone sent it (tell them apart by schema_version; v2 may carry power, roll, pitch, vz).
   */
  packet: string;
}

export interface TelemetryHistoryJob {
  packets: HistoryPacket[];
}
