/**
 * Remembers when each key was last handled, so work that is still in effect (a queued job that has not run,
 * a "last seen" written moments ago) is not repeated for every batch. Stale entries are pruned as it grows.
 */
export class RecentKeys {
  private readonly at = new Map<string, number>();

  constructor(
    private readonly windowMs: number,
    private readonly maxKeys = 100_000,
  ) {}

  /** The keys not handled within the window before `now`. */
  due(keys: Iterable<string>, now = Date.now()): string[] {
    const out: string[] = [];
    for (const k of keys) if (!(now - (this.at.get(k) ?? -Infinity) < this.windowMs)) out.push(k);
    return out;
  }

  /** Records the keys as handled at `now` (call once the work succeeded). */
  mark(keys: Iterable<string>, now = Date.now()): void {
    for (const k of keys) this.at.set(k, now);
    if (this.at.size > this.maxKeys) for (const [k, t] of this.at) if (now - t >= this.windowMs) this.at.delete(k);
  }
}
