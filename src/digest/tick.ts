import type { Dataset } from '../domain/dataset.ts';
import type { Logger } from '../log.ts';
import { StorageError } from '../storage/storage-error.ts';
import type { SubscriptionStore } from '../storage/store.ts';
import { type Delivery, deliverPosting } from './delivery.ts';
import { dueDigests, keySuffixesToKeep, type DueDigest } from './due.ts';
import { describeError, emptyResult, type TickResult } from './tick-result.ts';

const DAY_MS = 86_400_000;

/** What one tick needs beyond delivering: what is due, how many channels at once, what to prune. */
export interface TickContext {
  delivery: Delivery;
  store: SubscriptionStore;
  logger: Logger;
  currentDataset: () => Dataset;
  graceHours: number;
  concurrency: number;
  retentionDays: number;
  /** Release alerts announced but not posted yet, by occurrence key (see pendingAlerts). */
  pending: Map<string, DueDigest>;
  /** The UTC day pruning last ran, so it runs once a day. */
  pruned: { lastDay: string | null };
}

/** The cron tick: what the pure schedule says is due, plus release alerts still pending, delivered; then pruning. */
export async function runTick(context: TickContext, now: Date): Promise<TickResult> {
  const { store, currentDataset, graceHours, logger } = context;
  const due = [
    ...dueDigests(await store.listActive(), currentDataset(), now, { graceHours }),
    ...(await pendingAlerts(context, now)),
  ];
  const result = await deliverAll(context, due, now);
  await pruneDaily(context, now, result);
  if (result.due > 0) logger.debug({ ...result, at: now.toISOString(), paused: result.paused.length }, 'digest tick');
  return result;
}

/**
 * Delivers every due posting, `concurrency` channels at once; each channel's postings in order. A database
 * failure stops all further claims until the next tick.
 */
export async function deliverAll(context: TickContext, due: DueDigest[], now: Date): Promise<TickResult> {
  // A busy tick may claim its last occurrences minutes after it began; their leases must start then.
  const startedAt = performance.now();
  const at = (): Date => new Date(now.getTime() + Math.round(performance.now() - startedAt));
  const result = emptyResult(now);
  result.due = due.length;
  const queue = [...bySubscription(due).values()];
  const worker = async (): Promise<void> => {
    for (let digests = queue.shift(); digests; digests = queue.shift()) {
      try {
        await deliverInOrder(context.delivery, digests, at, result);
      } catch (error) {
        if (error instanceof StorageError) {
          queue.length = 0;
          noteStorageFailure(context.logger, error, result);
        } else {
          const subscription = digests[0]!.subscription.id;
          context.logger.error({ err: describeError(error), subscription }, 'digest delivery crashed');
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(context.concurrency, queue.length) }, worker));
  return result;
}

function bySubscription(due: DueDigest[]): Map<number, DueDigest[]> {
  const groups = new Map<number, DueDigest[]>();
  for (const digest of due) groups.set(digest.subscription.id, [...(groups.get(digest.subscription.id) ?? []), digest]);
  return groups;
}

/** One channel's postings in order (a notice before the digest it explains); a failure holds back the rest. */
async function deliverInOrder(
  delivery: Delivery,
  digests: DueDigest[],
  at: () => Date,
  result: TickResult,
): Promise<void> {
  for (const digest of digests) {
    if ((await deliverPosting(delivery, digest, at, result)) === 'stop') return;
  }
}

/** Claims would fail the same way (or, worse, appear to succeed): nothing more is claimed until the next tick. */
function noteStorageFailure(logger: Logger, error: StorageError, result: TickResult): void {
  if (result.storageError === null)
    logger.error({ err: error.message, file: error.file }, 'digest storage failed: no more claims this tick');
  result.storageError = error.message;
}

/** Once per UTC day (on the first tick of it): forget postings that can never be due again. */
async function pruneDaily(context: TickContext, now: Date, result: TickResult): Promise<void> {
  const { store, logger, retentionDays, pruned } = context;
  const day = now.toISOString().slice(0, 10);
  if (day === pruned.lastDay) return;
  try {
    result.pruned = await store.prunePostings({
      scheduledBefore: new Date(now.getTime() - retentionDays * DAY_MS),
      keepKeySuffixes: keySuffixesToKeep(context.currentDataset()),
    });
    pruned.lastDay = day;
    if (result.pruned > 0) logger.info({ pruned: result.pruned, retentionDays }, 'old digest postings pruned');
  } catch (error) {
    // Tried again on the next tick.
    logger.warn({ err: describeError(error) }, 'pruning old digest postings failed');
  }
}

/** Release alerts still to post: kept until posted, given up or past their grace window. */
async function pendingAlerts(context: TickContext, now: Date): Promise<DueDigest[]> {
  const { pending, store } = context;
  for (const [key, digest] of pending) {
    const status = (await store.posting(key))?.status;
    if (now >= digest.graceEndsAt || status === 'posted' || status === 'failed') pending.delete(key);
  }
  return [...pending.values()];
}
