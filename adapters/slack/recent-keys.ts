/** A bounded set of recently seen keys that forgets each key after `ttlMs`. */
export class RecentKeys {
  private readonly expiries = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Records the key; returns false when it was already seen within the TTL. */
  claim(key: string): boolean {
    const now = this.clock();
    this.forgetExpired(now);
    if (this.expiries.has(key)) return false;
    this.expiries.set(key, now + this.ttlMs);
    if (this.expiries.size > this.maxEntries) this.expiries.delete(this.expiries.keys().next().value!);
    return true;
  }

  get size(): number {
    return this.expiries.size;
  }

  /** Insertion order is expiry order (one TTL for all), so expired keys sit at the front. */
  private forgetExpired(now: number): void {
    for (const [key, expiry] of this.expiries) {
      if (expiry > now) break;
      this.expiries.delete(key);
    }
  }
}
