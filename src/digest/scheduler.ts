import cron from 'node-cron';
import { channelLabel, type ChannelRef, type Platform } from '../domain/channel.ts';
import type { Answer } from '../domain/answer.ts';
import type { Dataset } from '../domain/dataset.ts';
import type { Logger } from '../log.ts';
import { BUSY_TIMEOUT_MS } from '../storage/database.ts';
import { StorageError } from '../storage/storage-error.ts';
import type { Claim, SubscriptionStore } from '../storage/store.ts';
import { WorkTracker } from '../work-tracker.ts';
import { dueDigests, keySuffixesToKeep, type DueDigest } from './due.ts';
import { PermanentPostError, PostTimeoutError, type DigestPoster } from './poster.ts';

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
/** Transient failures are retried (within the grace window) after 1, 2, 4 … minutes, at most this many. */
const MAX_RETRY_DELAY_MINUTES = 30;
/** The longest grace window the configuration allows (DIGEST_GRACE_HOURS ≤ 168). */
const LONGEST_GRACE_HOURS = 168;
const DAY_MS = 86_400_000;

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

const emptyResult = (at: Date): TickResult => ({
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

const describeError = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

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
      `digest scheduler: claimLeaseMs (${claimLeaseMs} ms) must exceed postTimeoutMs (${postTimeoutMs} ms) by at least ${BUSY_TIMEOUT_MS} ms (the database busy timeout)`,
    );
  }
  // A pruned occurrence must never be claimable again, by this replica or another with a longer grace window.
  const longestGraceHours = Math.max(options.graceHours, LONGEST_GRACE_HOURS);
  if (retentionDays * 24 <= longestGraceHours) {
    throw new RangeError(
      `digest scheduler: retentionDays (${retentionDays}) must be longer than the longest grace window (${longestGraceHours} h)`,
    );
  }
  return { postTimeoutMs, claimLeaseMs, retentionDays };
}

/** A post either settled in time, or was abandoned at the timeout and may still settle later. */
type PostOutcome = { settled: true } | { settled: false; abandoned: Promise<void> };

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
  const { store, logger, graceHours } = options;
  const currentDataset =
    typeof options.dataset === 'function'
      ? options.dataset
      : (
          (dataset) => () =>
            dataset
        )(options.dataset);
  const pending = new Map<string, DueDigest>();
  const { postTimeoutMs, claimLeaseMs, retentionDays } = validateTimings(options);
  const clock = options.clock ?? (() => new Date());
  const pauseAfter = options.pauseAfter ?? PAUSE_AFTER_PERMANENT_FAILURES;
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
  const posters = new Map<Platform, DigestPoster>(options.posters.map((poster) => [poster.platform, poster]));
  const inFlight = new WorkTracker();
  let stopped = false;
  let lastPruneDay: string | null = null;

  function postWithin(
    poster: DigestPoster,
    channel: ChannelRef,
    occurrenceKey: string,
    answer: () => Answer,
  ): Promise<PostOutcome> {
    const controller = new AbortController();
    const posting = (async () => poster.post(channel, answer(), { signal: controller.signal, occurrenceKey }))();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), postTimeoutMs);
    });
    return Promise.race([posting.then(() => 'posted' as const), timeout])
      .then((winner): PostOutcome => {
        if (winner === 'posted') return { settled: true };
        controller.abort(new PostTimeoutError(postTimeoutMs));
        return { settled: false, abandoned: posting };
      })
      .finally(() => clearTimeout(timer));
  }

  /** `at()` is the tick's instant plus the time the tick has run: claims and leases start when they are taken. */
  async function deliver(digest: DueDigest, at: () => Date, result: TickResult): Promise<'continue' | 'stop'> {
    const { subscription } = digest;
    const poster = posters.get(subscription.channel.platform);
    if (!poster) {
      result.noPoster++;
      return 'stop';
    }
    const claim = await store.claim({
      occurrenceKey: digest.occurrenceKey,
      subscriptionId: subscription.id,
      scheduledAt: digest.scheduledAt,
      now: at(),
      leaseMs: claimLeaseMs,
      graceEndsAt: digest.graceEndsAt,
    });
    if (!claim) {
      result.alreadyClaimed++;
      return 'continue';
    }
    const log = logger.child({
      subscription: subscription.id,
      channel: channelLabel(subscription.channel),
      occurrence: digest.occurrenceKey,
    });
    if (claim.takenOverFrom) {
      result.reclaimed++;
      log.warn(
        { previousClaimant: claim.takenOverFrom, attempts: claim.attempts },
        'took over a claim whose lease expired with no outcome (its process stopped mid-post)',
      );
    }
    let outcome: PostOutcome;
    try {
      if (claim.attempts > 1 && (await alreadyInChannel(poster, digest))) {
        // An earlier attempt (a crashed claimant, a post abandoned at its timeout) reached the channel after all.
        if (!(await store.markPosted(claim, at())))
          log.warn('the claim was taken over before the found post was recorded');
        result.foundPosted++;
        log.warn(
          { attempts: claim.attempts },
          'digest already in the channel from an earlier attempt: recorded, not posted again',
        );
        return 'continue';
      }
      outcome = await postWithin(poster, subscription.channel, digest.occurrenceKey, () => digest.answer);
    } catch (error) {
      result.failed++;
      options.onDelivery?.(subscription.channel.platform, 'failed');
      const message = describeError(error);
      if (error instanceof PermanentPostError) {
        if (!(await store.markFailed(claim, message)))
          log.warn('the claim was taken over before the failure was recorded');
        const failures = await store.recordPermanentFailure(subscription.id, error.reason, at(), pauseAfter);
        if (failures.paused) {
          result.paused.push({ subscriptionId: subscription.id, reason: error.reason });
          log.warn(
            { reason: error.reason, failures: failures.consecutiveFailures },
            'subscription paused after repeated permanent failures',
          );
        } else {
          log.warn(
            { reason: error.reason, failures: failures.consecutiveFailures, err: message },
            'digest could not be posted (permanent)',
          );
        }
        // The channel is gone or closed to us: do not hammer it with the rest of this tick's postings.
        return 'stop';
      }
      await scheduleRetry(claim, message, at(), log);
      return 'stop';
    }
    if (!outcome.settled) {
      result.failed++;
      options.onDelivery?.(subscription.channel.platform, 'failed');
      result.timedOut++;
      await scheduleRetry(claim, describeError(new PostTimeoutError(postTimeoutMs)), at(), log);
      // Recorded after the retry, so a late landing always finds the retry to overrule.
      void outcome.abandoned.then(
        () => recordLateLanding(claim, at, log),
        () => undefined,
      );
      return 'stop';
    }
    if (!(await store.markPosted(claim, at()))) {
      log.error(
        'posted, but the claim had expired and was taken over meanwhile: the channel may get this digest twice',
      );
    }
    await store.recordSuccess(subscription.id);
    result.posted++;
    options.onDelivery?.(subscription.channel.platform, 'posted');
    log.info(
      { type: digest.type, scheduledAt: digest.scheduledAt.toISOString(), attempts: claim.attempts },
      'digest posted',
    );
    return 'continue';
  }

  /** Looks for the occurrence's tag in the channel, bounded by the post timeout; a failed look is a transient failure. */
  async function alreadyInChannel(poster: DigestPoster, digest: DueDigest): Promise<boolean> {
    if (!poster.findPosted) return false;
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort(new PostTimeoutError(postTimeoutMs));
        reject(controller.signal.reason);
      }, postTimeoutMs);
    });
    const looking = poster.findPosted(digest.subscription.channel, digest.occurrenceKey, digest.scheduledAt, {
      signal: controller.signal,
    });
    try {
      return await Promise.race([looking, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async function scheduleRetry(claim: Claim, message: string, failedAt: Date, log: Logger): Promise<void> {
    const delayMinutes = Math.min(2 ** (claim.attempts - 1), MAX_RETRY_DELAY_MINUTES);
    const retryAt = new Date(failedAt.getTime() + delayMinutes * 60_000);
    if (!(await store.markRetry(claim, message, retryAt))) {
      log.warn({ err: message }, 'the claim was taken over before the failure was recorded');
      return;
    }
    log.warn(
      { err: message, attempts: claim.attempts, retryAt: retryAt.toISOString() },
      'digest post failed; will retry within the grace window',
    );
  }

  async function recordLateLanding(claim: Claim, at: () => Date, log: Logger): Promise<void> {
    try {
      if (await store.markPosted(claim, at()))
        log.warn('a post abandoned at its timeout landed after all; recorded as posted, not retried');
      else
        log.error(
          'a post abandoned at its timeout landed after the posting was claimed again: the channel may get this digest twice',
        );
    } catch (error) {
      log.warn(
        { err: describeError(error) },
        'a post abandoned at its timeout landed after all, but could not be recorded',
      );
    }
  }

  /** One channel's postings in order (a notice before the digest it explains). */
  async function deliverInOrder(digests: DueDigest[], at: () => Date, result: TickResult): Promise<void> {
    for (const digest of digests) {
      if ((await deliver(digest, at, result)) === 'stop') return;
    }
  }

  /** Once per UTC day (on the first tick of it): forget postings that can never be due again. */
  async function pruneDaily(now: Date, result: TickResult): Promise<void> {
    const day = now.toISOString().slice(0, 10);
    if (day === lastPruneDay) return;
    try {
      result.pruned = await store.prunePostings({
        scheduledBefore: new Date(now.getTime() - retentionDays * DAY_MS),
        keepKeySuffixes: keySuffixesToKeep(currentDataset()),
      });
      lastPruneDay = day;
      if (result.pruned > 0) logger.info({ pruned: result.pruned, retentionDays }, 'old digest postings pruned');
    } catch (error) {
      // Tried again on the next tick.
      logger.warn({ err: describeError(error) }, 'pruning old digest postings failed');
    }
  }

  /** Release alerts still to post: kept until posted, given up or past their grace window. */
  async function pendingAlerts(now: Date): Promise<DueDigest[]> {
    for (const [key, digest] of pending) {
      const status = (await store.posting(key))?.status;
      if (now >= digest.graceEndsAt || status === 'posted' || status === 'failed') pending.delete(key);
    }
    return [...pending.values()];
  }

  async function runTick(now: Date): Promise<TickResult> {
    const due = [
      ...dueDigests(await store.listActive(), currentDataset(), now, { graceHours }),
      ...(await pendingAlerts(now)),
    ];
    const result = await deliverAll(due, now);
    await pruneDaily(now, result);
    if (result.due > 0) {
      logger.debug({ ...result, at: now.toISOString(), paused: result.paused.length }, 'digest tick');
    }
    return result;
  }

  async function deliverAll(due: DueDigest[], now: Date): Promise<TickResult> {
    // A busy tick may claim its last occurrences minutes after it began; their leases must start then.
    const startedAt = performance.now();
    const at = (): Date => new Date(now.getTime() + Math.round(performance.now() - startedAt));
    const result = emptyResult(now);
    result.due = due.length;
    const bySubscription = new Map<number, DueDigest[]>();
    for (const digest of due)
      bySubscription.set(digest.subscription.id, [...(bySubscription.get(digest.subscription.id) ?? []), digest]);
    const queue = [...bySubscription.values()];
    const worker = async (): Promise<void> => {
      for (let digests = queue.shift(); digests; digests = queue.shift()) {
        try {
          await deliverInOrder(digests, at, result);
        } catch (error) {
          if (error instanceof StorageError) {
            // Claims would fail the same way (or, worse, appear to succeed): claim nothing more until the next tick.
            queue.length = 0;
            if (result.storageError === null)
              logger.error({ err: error.message, file: error.file }, 'digest storage failed: no more claims this tick');
            result.storageError = error.message;
            continue;
          }
          logger.error(
            { err: describeError(error), subscription: digests[0]!.subscription.id },
            'digest delivery crashed',
          );
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
    return result;
  }

  function tick(now: Date = clock()): Promise<TickResult> {
    return inFlight.track(runTick(now));
  }

  function announce(digests: readonly DueDigest[], now: Date = clock()): Promise<TickResult> {
    if (stopped) return Promise.resolve(emptyResult(now));
    for (const digest of digests) pending.set(digest.occurrenceKey, digest);
    return inFlight.track(deliverAll([...digests], now));
  }

  const cronLogger = {
    info: (message: string) => logger.debug({ source: 'node-cron' }, message),
    warn: (message: string) => logger.warn({ source: 'node-cron' }, message),
    error: (message: string | Error, err?: Error) =>
      logger.error({ source: 'node-cron', err: describeError(err ?? message) }, 'node-cron error'),
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
