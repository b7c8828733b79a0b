import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The X-API-Key each simulated drone sends: its own key when one is stored (fleet-api's drone registry hands out
 * one per drone, once), else the fleet-wide FLEET_API_KEY. Kept in a JSON file so that a second run reuses them.
 */
export class DroneKeys {
  private readonly keys: Record<string, string>;

  constructor(
    private readonly file: string,
    private readonly fallback: string | undefined,
  ) {
    this.keys = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
  }

  /** The drone's own key, else the fleet-wide one; undefined when there is neither (it cannot report yet). */
  keyFor(droneId: string): string | undefined {
    return this.keys[droneId] ?? this.fallback;
  }

  has(droneId: string): boolean {
    return droneId in this.keys;
  }

  /** Stores a drone's own key (written at once: the registry shows it only once). */
  set(droneId: string, key: string): void {
    this.keys[droneId] = key;
    this.save();
  }

  /** Drops a key fleet-api no longer takes (revoked, or the registry was reset), so that a new one is obtained. */
  forget(droneId: string): void {
    if (!(droneId in this.keys)) return;
    delete this.keys[droneId];
    this.save();
  }

  private save(): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(this.keys, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, this.file);
  }
}
