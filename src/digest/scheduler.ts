import cron from 'node-cron';
import type { Platform } from '../bot.ts';
import type { Dataset } from '../domain/dataset.ts';
import type { Logger } from '../log.ts';
import type { SubscriptionStore } from '../storage/subscription-store.ts';
import { dueDigests, type DueDigest } from './due.ts';
import { PermanentPostError, type DigestPoster } from './poster.ts';
import { channelLabel } from './subscription.ts';

/** Permanent failures in a row before a subscription is paused. */
export const PAUSE_AFTER_PERMANENT_FAILURES = 3;
/** Channels posted to at once by one replica. */
const DEFAULT_CONCURRENCY = 8;
/** Transient failures are retried (within the grace window) after 1, 2, 4 … minutes, at most this many. */
const MAX_RETRY_DELAY_MINUTES = 30;

export interface TickResult {
  at: Date;
  /** Occurrences the pure schedule said were due. */
  due: number;
  posted: number;
  /** Already claimed by an earlier tick or another replica. */
  alreadyClaimed: number;
  /** No adapter for the subscription's platform runs in this process; left for one that does. */
  noPoster: number;
  failed: number;
  /** Subscriptions paused in this tick. */
  paused: Array<{ subscriptionId: number; reason: string }>;
}

export interface DigestSchedulerOptions {
  store: SubscriptionStore;
  dataset: Dataset | (() => Dataset);
  posters: readonly DigestPoster[] | Partial<Record<Platform, DigestPoster>>;
  clock?: () => Date;
  logger: Logger;
  graceHours: number;
  /** Default: every minute. Tests pass `false` and call tick() themselves. */
  cronExpression?: string | false;
  pauseAfter?: number;
  /** Channels posted to at once; a slow channel holds one slot, never the rest. */
  concurrency?: number;
}

export interface DigestScheduler {
  tick(now?: Date): Promise<TickResult>;
  /** Stops the clock and waits for postings in flight. */
  stop(): Promise<void>;
}

const describeError = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/**
 * Drives digests: node-cron fires every minute, each tick asks the pure schedule what is due, claims each
 * occurrence in SQLite (so no restart or second replica posts it again) and posts through the
 * subscription's platform. Several channels are posted to at once, so one slow or failing channel blocks none.
 */
export function startDigestScheduler(options: DigestSchedulerOptions): DigestScheduler {
  const { store, logger, graceHours } = options;
  const clock = options.clock ?? (() => new Date());
  const dataset = typeof options.dataset === 'function' ? options.dataset : () => options.dataset as Dataset;
  const pauseAfter = options.pauseAfter ?? PAUSE_AFTER_PERMANENT_FAILURES;
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
  const posters = new Map<Platform, DigestPoster>(
    Array.isArray(options.posters)
      ? (options.posters as readonly DigestPoster[]).map((poster) => [poster.platform, poster])
      : (Object.entries(options.posters) as Array<[Platform, DigestPoster | undefined]>).filter((entry): entry is [Platform, DigestPoster] => !!entry[1]),
  );
  const inFlight = new Set<Promise<unknown>>();
  let stopped = false;

  async function deliver(digest: DueDigest, now: Date, result: TickResult): Promise<'continue' | 'stop'> {
    const { subscription } = digest;
    const poster = posters.get(subscription.channel.platform);
    if (!poster) {
      result.noPoster++;
      return 'stop';
    }
    const claimed = store.claim({ occurrenceKey: digest.occurrenceKey, subscriptionId: subscription.id, scheduledAt: digest.scheduledAt, now });
    if (!claimed) {
      result.alreadyClaimed++;
      return 'continue';
    }
    const log = logger.child({ subscription: subscription.id, channel: channelLabel(subscription.channel), occurrence: digest.occurrenceKey });
    try {
      await poster.post(subscription.channel, digest.answer);
      store.markPosted(digest.occurrenceKey, now);
      store.recordSuccess(subscription.id);
      result.posted++;
      log.info({ type: digest.type, scheduledAt: digest.scheduledAt.toISOString() }, 'digest posted');
      return 'continue';
    } catch (error) {
      result.failed++;
      const message = describeError(error);
      if (error instanceof PermanentPostError) {
        store.markFailed(digest.occurrenceKey, message);
        const outcome = store.recordPermanentFailure(subscription.id, error.reason, now, pauseAfter);
        if (outcome.paused) {
          result.paused.push({ subscriptionId: subscription.id, reason: error.reason });
          log.warn({ reason: error.reason, failures: outcome.consecutiveFailures }, 'subscription paused after repeated permanent failures');
        } else {
          log.warn({ reason: error.reason, failures: outcome.consecutiveFailures, err: message }, 'digest could not be posted (permanent)');
        }
        // The channel is gone or closed to us: do not hammer it with the rest of this tick's postings.
        return 'stop';
      }
      const attempts = store.posting(digest.occurrenceKey)?.attempts ?? 1;
      const delayMinutes = Math.min(2 ** (attempts - 1), MAX_RETRY_DELAY_MINUTES);
      const retryAt = new Date(now.getTime() + delayMinutes * 60_000);
      store.markRetry(digest.occurrenceKey, message, retryAt);
      log.warn({ err: message, attempts, retryAt: retryAt.toISOString() }, 'digest post failed; will retry within the grace window');
      return 'stop';
    }
  }

  /** One channel's postings in order (a notice before the digest it explains). */
  async function deliverInOrder(digests: DueDigest[], now: Date, result: TickResult): Promise<void> {
    for (const digest of digests) {
      if ((await deliver(digest, now, result)) === 'stop') return;
    }
  }

  async function runTick(now: Date): Promise<TickResult> {
    const result: TickResult = { at: now, due: 0, posted: 0, alreadyClaimed: 0, noPoster: 0, failed: 0, paused: [] };
    const due = dueDigests(store.listActive(), dataset(), now, { graceHours });
    result.due = due.length;
    const bySubscription = new Map<number, DueDigest[]>();
    for (const digest of due) bySubscription.set(digest.subscription.id, [...(bySubscription.get(digest.subscription.id) ?? []), digest]);
    const queue = [...bySubscription.values()];
    const worker = async (): Promise<void> => {
      for (let digests = queue.shift(); digests; digests = queue.shift()) {
        try {
          await deliverInOrder(digests, now, result);
        } catch (error) {
          logger.error({ err: describeError(error), subscription: digests[0]!.subscription.id }, 'digest delivery crashed');
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
    if (result.due > 0) {
      logger.debug({ ...result, at: now.toISOString(), paused: result.paused.length }, 'digest tick');
    }
    return result;
  }

  function tick(now: Date = clock()): Promise<TickResult> {
    const run = runTick(now);
    inFlight.add(run);
    void run.finally(() => inFlight.delete(run)).catch(() => undefined);
    return run;
  }

  const cronLogger = {
    info: (message: string) => logger.debug({ source: 'node-cron' }, message),
    warn: (message: string) => logger.warn({ source: 'node-cron' }, message),
    error: (message: string | Error, err?: Error) => logger.error({ source: 'node-cron', err: describeError(err ?? message) }, 'node-cron error'),
    debug: (message: string | Error) => logger.debug({ source: 'node-cron' }, String(message)),
  };
  const expression = options.cronExpression ?? '* * * * *';
  const task =
    expression === false
      ? null
      : cron.schedule(
          expression,
          async () => {
            if (stopped) return;
            try {
              await tick();
            } catch (error) {
              logger.error({ err: describeError(error) }, 'digest tick failed');
            }
          },
          { name: 'digest-scheduler', timezone: 'UTC', logger: cronLogger },
        );

  return {
    tick,
    async stop() {
      stopped = true;
      if (task) {
        await task.stop();
        await task.destroy();
      }
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
