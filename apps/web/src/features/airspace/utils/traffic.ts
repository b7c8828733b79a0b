import type { AirspaceTrackDto } from '@wingxtra/contracts/client';

/**
 * Whether a detected track is one of our own drones: its track id or its serial is a drone id we know (the
 * registry's, and every drone reporting to fleet-api). delivery-service's airspace gate tells ours apart the same way.
 */
export function isOurs(track: Pick<AirspaceTrackDto, 'track_id' | 'serial'>, ourIds: ReadonlySet<string>): boolean {
  return ourIds.has(track.track_id) || (track.serial !== null && ourIds.has(track.serial));
}

/** The traffic that is not ours. */
export function otherTraffic(tracks: readonly AirspaceTrackDto[], ourIds: ReadonlySet<string>): AirspaceTrackDto[] {
  return tracks.filter((t) => !isOurs(t, ourIds));
}

/** What to call a track: its callsign, else its serial, else the kit's id of it. */
export function trackLabel(t: Pick<AirspaceTrackDto, 'callsign' | 'serial' | 'track_id'>): string {
  return t.callsign?.trim() || t.serial || t.track_id;
}

/** Seconds since the track's position was seen, on the server's clock (server_time of the same answer). */
export function trackAgeS(t: Pick<AirspaceTrackDto, 'last_seen'>, serverNowMs: number): number {
  return Math.max(0, Math.round((serverNowMs - Date.parse(t.last_seen)) / 1000));
}

/** A track not seen for this long is drawn faded: it may have left or landed. */
export const FADED_AFTER_S = 60;
