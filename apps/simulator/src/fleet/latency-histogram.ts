/**
 * Request latencies in 0.1 ms buckets up to 60 s (longer ones count as 60 s): constant memory whatever the
 * number of requests, exact to the bucket for any quantile.
 */
export class LatencyHistogram {
  private static readonly BUCKET_MS = 0.1;
  private readonly buckets = new Uint32Array(600_000);
  count = 0;
  maxMs = 0;

  record(ms: number): void {
    const i = Math.min(this.buckets.length - 1, Math.max(0, Math.floor(ms / LatencyHistogram.BUCKET_MS)));
    this.buckets[i]++;
    this.count++;
    this.maxMs = Math.max(this.maxMs, ms);
  }

  /** The latency below which the fraction q (0..1) of requests finished: the upper edge of its bucket, ms. */
  quantile(q: number): number | null {
    if (this.count === 0) return null;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let i = 0; i < this.buckets.length; i++) {
      seen += this.buckets[i];
      if (seen >= rank) return Math.round((i + 1) * LatencyHistogram.BUCKET_MS * 10) / 10;
    }
    return this.maxMs;
  }
}
