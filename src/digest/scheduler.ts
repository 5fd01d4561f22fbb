import cron from 'node-cron';
import type { Platform } from '../domain/channel.ts';
import type { Dataset } from '../domain/dataset.ts';
import type { Logger } from '../log.ts';
import { BUSY_TIMEOUT_MS } from '../storage/database.ts';
import type { SubscriptionStore } from '../storage/store.ts';
import { WorkTracker } from '../work-tracker.ts';
import type { Delivery } from './delivery.ts';
import type { DueDigest } from './due.ts';
import type { DigestPoster } from './poster.ts';
import { deliverAll, runTick, type TickContext } from './tick.ts';
import { describeError, emptyResult, type TickResult } from './tick-result.ts';

export type { TickResult } from './tick-result.ts';

/** Permanent failures in a row before a subscription is paused. */
export const PAUSE_AFTER_PERMANENT_FAILURES = 3;
/** A post with no answer from the platform after this long is abandoned and retried. */
export const DEFAULT_POST_TIMEOUT_MS = 2 * 60_000;
/** A claim with no recorded outcome after this long is presumed dead (its process crashed) and may be taken over. */
export const DEFAULT_CLAIM_LEASE_MS = 10 * 60_000;
/** Postings older than this are forgotten (once a day), except those that still suppress a repeat. */
export const DEFAULT_RETENTION_DAYS = 400;
/** Channels posted to at once by one replica. */
const DEFAULT_CONCURRENCY = 8;
/** The longest grace window the configuration allows (DIGEST_GRACE_HOURS ≤ 168). */
const LONGEST_GRACE_HOURS = 168;

export interface DigestSchedulerOptions {
  store: SubscriptionStore;
  /** The dataset, or where to read the current one at each tick (a refreshed dataset is seen at once). */
  dataset: Dataset | (() => Dataset);
  /** Every post's outcome, by platform (metrics). */
  onDelivery?: (platform: Platform, outcome: 'posted' | 'failed') => void;
  posters: readonly DigestPoster[];
  clock?: () => Date;
  logger: Logger;
  graceHours: number;
  /** Default: every minute. Tests pass `false` and call tick() themselves. */
  cronExpression?: string | false;
  pauseAfter?: number;
  /** Channels posted to at once; a slow channel holds one slot, never the rest. */
  concurrency?: number;
  /** Default 2 minutes. A post that takes longer counts as a transient failure. */
  postTimeoutMs?: number;
  /** Default 10 minutes; must exceed postTimeoutMs by at least the database busy timeout (5 s). */
  claimLeaseMs?: number;
  /** Default 400; must be longer than any grace window (168 h at most). */
  retentionDays?: number;
}

export interface DigestScheduler {
  tick(now?: Date): Promise<TickResult>;
  /**
   * Posts these (release alerts) now, through the same claims as every digest; ones not posted yet (a
   * transient failure) are tried again on the following ticks until their grace window ends.
   */
  announce(digests: readonly DueDigest[], now?: Date): Promise<TickResult>;
  /** Stops the clock and waits for postings in flight. */
  stop(): Promise<void>;
}

interface SchedulerTimings {
  postTimeoutMs: number;
  claimLeaseMs: number;
  retentionDays: number;
}

/** Checks the timing options against each other; the error names the option and what it must be. */
function validateTimings(
  options: Pick<DigestSchedulerOptions, 'postTimeoutMs' | 'claimLeaseMs' | 'retentionDays' | 'graceHours'>,
): SchedulerTimings {
  const postTimeoutMs = options.postTimeoutMs ?? DEFAULT_POST_TIMEOUT_MS;
  const claimLeaseMs = options.claimLeaseMs ?? DEFAULT_CLAIM_LEASE_MS;
  const retentionDays = options.retentionDays ?? DEFAULT_RETENTION_DAYS;
  const positive = (name: string, value: number): void => {
    if (!Number.isFinite(value) || value <= 0)
      throw new RangeError(`digest scheduler: ${name} must be a positive number, got ${value}`);
  };
  positive('postTimeoutMs', postTimeoutMs);
  positive('claimLeaseMs', claimLeaseMs);
  positive('retentionDays', retentionDays);
  // A claimant gives up on a post at its timeout and then records the retry, which may wait for the
  // database lock; its lease must outlast both, or a second replica could post while the first still might.
  if (claimLeaseMs < postTimeoutMs + BUSY_TIMEOUT_MS) {
    throw new RangeError(
      `digest scheduler: claimLeaseMs (${claimLeaseMs} ms) must exceed postTimeoutMs (${postTimeoutMs} ms) ` +
        `by at least ${BUSY_TIMEOUT_MS} ms (the database busy timeout)`,
    );
  }
  // A pruned occurrence must never be claimable again, by this replica or another with a longer grace window.
  const longestGraceHours = Math.max(options.graceHours, LONGEST_GRACE_HOURS);
  if (retentionDays * 24 <= longestGraceHours) {
    throw new RangeError(
      `digest scheduler: retentionDays (${retentionDays}) ` +
        `must be longer than the longest grace window (${longestGraceHours} h)`,
    );
  }
  return { postTimeoutMs, claimLeaseMs, retentionDays };
}

/**
 * Drives digests: node-cron fires every minute, each tick asks the pure schedule what is due, claims each
 * occurrence in SQLite (so no restart or second replica posts it again) and posts through the
 * subscription's platform. Several channels are posted to at once, so one slow or failing channel blocks none.
 *
 * Exactly once, and the one place it can break. A claim is taken before the post and its outcome (posted,
 * retry, failed) recorded after it. Every post is bounded by `postTimeoutMs`, and the claim's lease outlasts
 * that timeout plus the database busy timeout, so a live claimant always records an outcome before anyone
 * else may touch the occurrence: no post still in progress is ever taken over. A claim still open when its
 * lease runs out therefore means its process died (or froze for longer than the lease) between claim and
 * outcome; another replica takes it over, still only inside the grace window, and posts it.
 *
 * What that cannot tell apart: a process that died after the platform accepted the message but before
 * 'posted' was written. Its claim looks exactly like one that died before sending, so the takeover posts
 * it again. The gap is a single local SQLite write after the platform's reply (about a millisecond, against
 * a post's hundreds), which is why it is rare; closing it needs a "post once" request from the platform,
 * and neither has one that outlives the lease (Slack has none; Discord's enforce_nonce only remembers a few
 * minutes). The lease is what keeps every other case safe: recovery never acts on a slow post, only on a
 * claim nobody has touched for far longer than any post may take.
 *
 * A post abandoned at its timeout is retried after the usual backoff. The request may still land; if it
 * lands before the retry is claimed it is recorded as posted and not retried. Posters should honour the
 * abort signal so an abandoned request does not land at all.
 */
export function startDigestScheduler(options: DigestSchedulerOptions): DigestScheduler {
  const { store, logger } = options;
  const { postTimeoutMs, claimLeaseMs, retentionDays } = validateTimings(options);
  const clock = options.clock ?? (() => new Date());
  const delivery: Delivery = {
    store,
    logger,
    posters: new Map<Platform, DigestPoster>(options.posters.map((poster) => [poster.platform, poster])),
    postTimeoutMs,
    claimLeaseMs,
    pauseAfter: options.pauseAfter ?? PAUSE_AFTER_PERMANENT_FAILURES,
    onDelivery: options.onDelivery,
  };
  const context: TickContext = {
    delivery,
    store,
    logger,
    currentDataset: datasetReader(options.dataset),
    graceHours: options.graceHours,
    concurrency: Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY),
    retentionDays,
    pending: new Map(),
    pruned: { lastDay: null },
  };
  const inFlight = new WorkTracker();
  let stopped = false;

  function tick(now: Date = clock()): Promise<TickResult> {
    return inFlight.track(runTick(context, now));
  }

  function announce(digests: readonly DueDigest[], now: Date = clock()): Promise<TickResult> {
    if (stopped) return Promise.resolve(emptyResult(now));
    for (const digest of digests) context.pending.set(digest.occurrenceKey, digest);
    return inFlight.track(deliverAll(context, [...digests], now));
  }

  const task = scheduleTicks(options.cronExpression ?? '* * * * *', logger, async () => {
    if (stopped) return;
    try {
      await tick();
    } catch (error) {
      logger.error({ err: describeError(error) }, 'digest tick failed');
    }
  });

  return {
    tick,
    announce,
    async stop() {
      stopped = true;
      if (task) {
        await task.stop();
        await task.destroy();
      }
      await inFlight.drain();
    },
  };
}

const datasetReader = (dataset: Dataset | (() => Dataset)): (() => Dataset) =>
  typeof dataset === 'function' ? dataset : () => dataset;

/** node-cron, in UTC, logging through pino; none when the expression is `false` (tests tick by hand). */
function scheduleTicks(expression: string | false, logger: Logger, onTick: () => Promise<void>) {
  if (expression === false) return null;
  const cronLogger = {
    info: (message: string) => logger.debug({ source: 'node-cron' }, message),
    warn: (message: string) => logger.warn({ source: 'node-cron' }, message),
    error: (message: string | Error, err?: Error) =>
      logger.error({ source: 'node-cron', err: describeError(err ?? message) }, 'node-cron error'),
    debug: (message: string | Error) => logger.debug({ source: 'node-cron' }, String(message)),
  };
  return cron.schedule(expression, onTick, { name: 'digest-scheduler', timezone: 'UTC', logger: cronLogger });
}
