/**
 * Remembers the last answer of an async function for `ttlMs`, sharing one call among concurrent callers.
 * For reference data read on hot paths (fleet capacity, service areas): a change shows up within ttlMs, and
 * at once in the process that made it (invalidate()).
 */
export class TtlCache<T> {
  private value: Promise<T> | null = null;
  private expires = 0;

  constructor(
    private readonly load: () => Promise<T>,
    private readonly ttlMs: number,
  ) {}

  get(): Promise<T> {
    const now = Date.now();
    if (this.value && now < this.expires) return this.value;
    this.expires = now + this.ttlMs;
    const pending = this.load();
    this.value = pending;
    pending.catch(() => {
      if (this.value === pending) this.value = null; // never keep a failure
    });
    return pending;
  }

  invalidate(): void {
    this.value = null;
  }
}
