import type { StoredLatest } from './latest-state.repository.js';

/**
 * DroneLatest entries cut from stored documents as raw bytes, never decoded or parsed: GET latest answers
 * 10,000 drones this way in a few milliseconds (docs/performance.md).
 *
 * A stored document (ingest-request.script.ts) is {"drone_id":"<id>","last_seen_ts":"<24 chars>",
 * "telemetry":{...},"source_ip":<ip>} where <ip> is null or a JSON string of [\w.:%-] only
 * (LatestStateRepository strips anything else), so its last comma starts the source_ip member, and
 * last_seen_ts sits at a fixed offset. An entry is the document up to that comma, then the online flag.
 */

const COMMA = 0x2c;
const POSITION_MEMBER = Buffer.from('"position":{');
const ONLINE = Buffer.from(',"online":true}');
const OFFLINE = Buffer.from(',"online":false}');
const CLOSE_LIST = Buffer.from(']}');
/** last_seen_ts is an RFC 3339 time as toISOString writes it, e.g. 2026-12-02T04:00:00.000Z. */
const ISO_LENGTH = 24;

/**
 * Drones whose last_seen_ts is at or after `onlineSince` are online. Times written by toISOString sort as text
 * in time order, so the stored bytes are compared with the threshold's, with no Date parsed per drone.
 */
export class OnlineThreshold {
  private readonly sinceMs: number;
  private readonly since: Buffer;

  constructor(nowMs: number, offlineAfterMs: number) {
    this.sinceMs = nowMs - offlineAfterMs;
    this.since = Buffer.from(new Date(this.sinceMs).toISOString(), 'latin1');
  }

  /** The same rule for a time already parsed (one drone's detail). */
  isOnlineAt(lastSeenMs: number): boolean {
    return lastSeenMs >= this.sinceMs;
  }

  isOnline(s: StoredLatest): boolean {
    const at = 13 + s.droneId.length + 18; // {"drone_id":"<id>","last_seen_ts":"
    // A loop, not Buffer.compare: the times share their first dozen bytes, and the native call per drone
    // measured longer than the comparison itself.
    for (let i = 0; i < ISO_LENGTH; i++) {
      const d = s.json[at + i]! - this.since[i]!;
      if (d !== 0) return d > 0;
    }
    return true;
  }
}

/** Where the source_ip member starts: the document's last comma. */
function entryEnd(json: Buffer): number {
  let i = json.length - 1;
  while (i > 0 && json[i] !== COMMA) i--;
  return i;
}

/** One DroneLatest as JSON text (for the change stream). */
export function entryJson(s: StoredLatest, threshold: OnlineThreshold): string {
  return s.json.toString('utf8', 0, entryEnd(s.json)) + (threshold.isOnline(s) ? ONLINE : OFFLINE).toString('latin1');
}

/** The whole GET latest body: `head`, the entries joined by commas, `]}`, written into one buffer. */
export function entryListJson(head: string, states: StoredLatest[], threshold: OnlineThreshold): Buffer {
  const headBytes = Buffer.from(head);
  const ends = new Int32Array(states.length);
  const flags: Buffer[] = new Array(states.length);
  let size = headBytes.length + Math.max(0, states.length - 1) + CLOSE_LIST.length;
  for (let i = 0; i < states.length; i++) {
    ends[i] = entryEnd(states[i]!.json);
    flags[i] = threshold.isOnline(states[i]!) ? ONLINE : OFFLINE;
    size += ends[i]! + flags[i]!.length;
  }
  const out = Buffer.allocUnsafe(size);
  let at = headBytes.copy(out, 0);
  for (let i = 0; i < states.length; i++) {
    if (i > 0) out[at++] = COMMA;
    at += states[i]!.json.copy(out, at, 0, ends[i]);
    at += flags[i]!.copy(out, at);
  }
  CLOSE_LIST.copy(out, at);
  return out;
}

/** The position section of a stored document, read without parsing the whole document (for bbox). */
export function positionOf(json: Buffer): { lat: number; lon: number } | null {
  const start = json.indexOf(POSITION_MEMBER);
  if (start < 0) return null;
  const end = json.indexOf('}', start);
  return JSON.parse(json.subarray(start + POSITION_MEMBER.length - 1, end + 1).toString()) as { lat: number; lon: number };
}
