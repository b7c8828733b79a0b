/** A copy the cache handed out, and how old it is. */
export interface CachedCopy<T> {
  value: T;
  /** Milliseconds since the load that produced it started. */
  ageMs: number;
  /** Why it could not be renewed when it is older than the time to live (null: it is current). */
  staleBecause: Error | null;
}

/**
 * Remembers the last good answer of an async load for `ttlMs`, sharing one load among concurrent callers, and
 * keeps that answer after it expires so a caller that can live with an older copy may have it while the source
 * is away (`getOrStale`). A failed load is never kept.
 */
export class LastGoodCache<T> {
  private good: { value: T; atMs: number } | null = null;
  private loading: Promise<T> | null = null;

  constructor(
    private readonly load: () => Promise<T>,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** A copy at most ttlMs old, loaded now when there is none; rejects when that load fails. */
  get(): Promise<T> {
    if (this.good !== null && this.now() - this.good.atMs < this.ttlMs) return Promise.resolve(this.good.value);
    return this.refresh();
  }

  /**
   * As get(), but when the load fails: the last good copy if it is at most maxAgeMs old (with the failure as
   * `staleBecause`), else the failure.
   */
  async getOrStale(maxAgeMs: number): Promise<CachedCopy<T>> {
    try {
      const value = await this.get();
      return { value, ageMs: this.good === null ? 0 : Math.max(0, this.now() - this.good.atMs), staleBecause: null };
    } catch (err) {
      const good = this.good;
      if (good !== null && this.now() - good.atMs <= maxAgeMs) return { value: good.value, ageMs: this.now() - good.atMs, staleBecause: err as Error };
      throw err;
    }
  }

  private refresh(): Promise<T> {
    if (this.loading === null) {
      const startedMs = this.now();
      const loading = this.load().then((value) => {
        this.good = { value, atMs: startedMs };
        return value;
      });
      this.loading = loading;
      const clear = () => {
        if (this.loading === loading) this.loading = null;
      };
      loading.then(clear, clear);
    }
    return this.loading;
  }
}
