/** What one tick (or one announcement) did: counts by outcome, for logs, metrics and tests. */
export interface TickResult {
  at: Date;
  /** Occurrences the pure schedule said were due. */
  due: number;
  posted: number;
  /** Already claimed by an earlier tick or another replica. */
  alreadyClaimed: number;
  /** Claims taken over from a claimant that stopped before recording an outcome (then posted, failed, …). */
  reclaimed: number;
  /** Second attempts that found the digest already in the channel (an earlier attempt landed): not posted again. */
  foundPosted: number;
  /** No adapter for the subscription's platform runs in this process; left for one that does. */
  noPoster: number;
  /** Failed posts, timed-out ones included. */
  failed: number;
  /** Posts abandoned at the post timeout (retried within the grace window). */
  timedOut: number;
  /** Subscriptions paused in this tick. */
  paused: Array<{ subscriptionId: number; reason: string }>;
  /** Old postings deleted by the daily pruning (0 on the other ticks of the day). */
  pruned: number;
  /** The database failure (naming the file) that stopped this tick's claims, if one did. */
  storageError: string | null;
}

export const emptyResult = (at: Date): TickResult => ({
  at,
  due: 0,
  posted: 0,
  alreadyClaimed: 0,
  reclaimed: 0,
  foundPosted: 0,
  noPoster: 0,
  failed: 0,
  timedOut: 0,
  paused: [],
  pruned: 0,
  storageError: null,
});

export const describeError = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);
