/**
 * Per-user sliding-window limit. Over the limit, the first refused message gets a notice
 * ('limited') and the rest of the burst is dropped silently ('silent'), so a flood never
 * becomes a flood of replies.
 */
export type RateDecision = 'ok' | 'limited' | 'silent';

export class RateLimiter {
  private readonly hits = new Map<number, number[]>();
  private readonly warned = new Set<number>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  check(userId: number): RateDecision {
    const t = this.now();
    const recent = (this.hits.get(userId) ?? []).filter((at) => t - at < this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(userId, recent);
      if (this.warned.has(userId)) return 'silent';
      this.warned.add(userId);
      return 'limited';
    }
    recent.push(t);
    this.hits.set(userId, recent);
    this.warned.delete(userId);
    return 'ok';
  }
}
