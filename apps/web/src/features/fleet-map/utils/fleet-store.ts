import type { DroneLatest, TelemetryPacket } from '@wingxtra/contracts/client';
import { isOffline } from './offline';

/** Positions kept per drone for its recent track. */
export const TRACK_POINTS = 120;

export interface DroneEntry {
  id: string;
  latest: DroneLatest;
  lastSeenMs: number;
  /** Time of the newest packet in the merged state. */
  tsMs: number;
  lat: number | null;
  lon: number | null;
  yawDeg: number | null;
  /** Recent positions, oldest first: [lat, lon] pairs flattened. */
  track: number[];
}

/**
 * The fleet as the map knows it: the latest state per drone from the stream and the polls. Plain TypeScript,
 * outside React, so that 10,000 drones are updated in place and drawn without re-rendering components.
 */
export class FleetStore {
  private readonly drones = new Map<string, DroneEntry>();
  private sorted: string[] = [];
  private sortedDirty = false;
  private readonly listeners = new Set<() => void>();
  /** Server clock minus browser clock (see serverSkewMs). */
  skewMs = 0;
  version = 0;

  get size(): number {
    return this.drones.size;
  }

  get(id: string): DroneEntry | undefined {
    return this.drones.get(id);
  }

  entries(): IterableIterator<DroneEntry> {
    return this.drones.values();
  }

  /** Drone ids in order (A–Z). */
  ids(): string[] {
    if (this.sortedDirty) {
      this.sorted = [...this.drones.keys()].sort();
      this.sortedDirty = false;
    }
    return this.sorted;
  }

  /**
   * Takes drone states in any order and from either source; a state older than the one held (a poll answer
   * overtaken by the stream) is ignored. Returns how many drones changed.
   */
  apply(drones: readonly DroneLatest[]): number {
    let changed = 0;
    for (const d of drones) {
      const lastSeenMs = Date.parse(d.last_seen_ts);
      const tsMs = Date.parse(d.telemetry?.ts);
      const held = this.drones.get(d.drone_id);
      if (held && (lastSeenMs < held.lastSeenMs || (lastSeenMs === held.lastSeenMs && !(tsMs > held.tsMs)))) continue;
      const t = d.telemetry as TelemetryPacket | undefined;
      const lat = t?.position?.lat ?? null;
      const lon = t?.position?.lon ?? null;
      const entry: DroneEntry = held ?? { id: d.drone_id, latest: d, lastSeenMs, tsMs, lat, lon, yawDeg: null, track: [] };
      if (!held) {
        this.drones.set(d.drone_id, entry);
        this.sortedDirty = true;
      }
      entry.latest = d;
      entry.lastSeenMs = lastSeenMs;
      entry.tsMs = tsMs;
      entry.lat = lat;
      entry.lon = lon;
      entry.yawDeg = t?.attitude?.yaw_deg ?? null;
      if (lat !== null && lon !== null) {
        const n = entry.track.length;
        if (n === 0 || entry.track[n - 2] !== lat || entry.track[n - 1] !== lon) {
          entry.track.push(lat, lon);
          if (entry.track.length > TRACK_POINTS * 2) entry.track.splice(0, entry.track.length - TRACK_POINTS * 2);
        }
      }
      changed++;
    }
    if (changed > 0) {
      this.version++;
      this.listeners.forEach((l) => l());
    }
    return changed;
  }

  isOffline(entry: DroneEntry, offlineAfterS: number, nowMs = Date.now()): boolean {
    return isOffline(entry.lastSeenMs, nowMs, offlineAfterS, this.skewMs);
  }

  countOffline(offlineAfterS: number, nowMs = Date.now()): number {
    let n = 0;
    for (const e of this.drones.values()) if (this.isOffline(e, offlineAfterS, nowMs)) n++;
    return n;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
