/**
 * Simulation time: seconds that run SIM_TIME_SCALE times as fast as the wall clock, from 0 at start. Telemetry is
 * still stamped and sent in wall-clock time (fleet-api refuses readings from the future), so a faster clock makes
 * the drones fly faster on the map, not report more often.
 */
export class SimClock {
  constructor(
    readonly scale: number,
    private readonly wallStartMs = Date.now(),
  ) {}

  /** Simulation seconds at a wall-clock time (now by default). */
  nowS(wallMs = Date.now()): number {
    return ((wallMs - this.wallStartMs) / 1000) * this.scale;
  }
}
