/** One applied batch of drone states: how long the store update and the redraw took (performance.now). */
export interface UpdateRecord {
  source: 'stream' | 'poll';
  /** States in the batch. */
  drones: number;
  /** Drones known after it. */
  total: number;
  applyMs: number;
  drawMs: number;
  totalMs: number;
  at: number;
}

/** The map's recent update timings, readable in the page as window.__wingxtraFleetStats (the browser test reads it). */
export class UpdateStats {
  readonly records: UpdateRecord[] = [];

  constructor(private readonly keep = 200) {}

  record(r: UpdateRecord): void {
    this.records.push(r);
    if (this.records.length > this.keep) this.records.shift();
  }
}

declare global {
  interface Window {
    __wingxtraFleetStats?: UpdateStats;
  }
}
