import { channelLabel, type Platform } from '../domain/channel.ts';
import type { Logger } from '../log.ts';
import type { Claim, SubscriptionStore } from '../storage/store.ts';
import type { DueDigest } from './due.ts';
import { PermanentPostError, PostTimeoutError, type DigestPoster } from './poster.ts';
import { describeError, type TickResult } from './tick-result.ts';

/** Transient failures are retried (within the grace window) after 1, 2, 4 … minutes, at most this many. */
const MAX_RETRY_DELAY_MINUTES = 30;

/** What delivering one posting needs: where claims live, who posts, and the limits that keep it exactly once. */
export interface Delivery {
  store: SubscriptionStore;
  logger: Logger;
  posters: ReadonlyMap<Platform, DigestPoster>;
  postTimeoutMs: number;
  claimLeaseMs: number;
  /** Permanent failures in a row before a subscription is paused. */
  pauseAfter: number;
  onDelivery?: (platform: Platform, outcome: 'posted' | 'failed') => void;
}

/** 'stop': the channel's later postings this tick wait (it failed, or cannot be posted to here). */
export type Verdict = 'continue' | 'stop';

/** A post either settled in time, or was abandoned at the timeout and may still settle later. */
type PostOutcome = { settled: true } | { settled: false; abandoned: Promise<void> };

/**
 * Delivers one posting: claim it, post it within the timeout, record the outcome (posted, retry, failed,
 * paused). `at()` is the tick's instant plus the time the tick has run: claims and leases start when taken.
 */
export async function deliverPosting(
  delivery: Delivery,
  digest: DueDigest,
  at: () => Date,
  result: TickResult,
): Promise<Verdict> {
  const platform = digest.subscription.channel.platform;
  const poster = delivery.posters.get(platform);
  if (!poster) {
    result.noPoster++;
    return 'stop';
  }
  const claim = await claimPosting(delivery, digest, at);
  if (!claim) {
    result.alreadyClaimed++;
    return 'continue';
  }
  const log = postingLogger(delivery.logger, digest);
  if (claim.takenOverFrom) noteTakeover(claim, log, result);
  let outcome: PostOutcome;
  try {
    if (claim.attempts > 1 && (await alreadyInChannel(poster, digest, delivery.postTimeoutMs))) {
      await recordFoundInChannel(delivery, claim, at, log, result);
      return 'continue';
    }
    outcome = await postWithin(poster, digest, delivery.postTimeoutMs);
  } catch (error) {
    countFailure(delivery, platform, result);
    if (error instanceof PermanentPostError)
      await recordPermanentFailure(delivery, digest, claim, error, at, log, result);
    else await scheduleRetry(delivery.store, claim, describeError(error), at(), log);
    // A permanent failure: the channel is gone or closed to us, so the rest of this tick's postings wait too.
    return 'stop';
  }
  if (!outcome.settled) {
    await recordTimeout(delivery, claim, outcome.abandoned, at, log, result, platform);
    return 'stop';
  }
  await recordPosted(delivery, digest, claim, at, log, result);
  return 'continue';
}

function claimPosting(delivery: Delivery, digest: DueDigest, at: () => Date): Promise<Claim | null> {
  return delivery.store.claim({
    occurrenceKey: digest.occurrenceKey,
    subscriptionId: digest.subscription.id,
    scheduledAt: digest.scheduledAt,
    now: at(),
    leaseMs: delivery.claimLeaseMs,
    graceEndsAt: digest.graceEndsAt,
  });
}

const postingLogger = (logger: Logger, digest: DueDigest): Logger =>
  logger.child({
    subscription: digest.subscription.id,
    channel: channelLabel(digest.subscription.channel),
    occurrence: digest.occurrenceKey,
  });

function noteTakeover(claim: Claim, log: Logger, result: TickResult): void {
  result.reclaimed++;
  log.warn(
    { previousClaimant: claim.takenOverFrom, attempts: claim.attempts },
    'took over a claim whose lease expired with no outcome (its process stopped mid-post)',
  );
}

function countFailure(delivery: Delivery, platform: Platform, result: TickResult): void {
  result.failed++;
  delivery.onDelivery?.(platform, 'failed');
}

/** An earlier attempt (a crashed claimant, a post abandoned at its timeout) reached the channel after all. */
async function recordFoundInChannel(
  delivery: Delivery,
  claim: Claim,
  at: () => Date,
  log: Logger,
  result: TickResult,
): Promise<void> {
  if (!(await delivery.store.markPosted(claim, at())))
    log.warn('the claim was taken over before the found post was recorded');
  result.foundPosted++;
  log.warn(
    { attempts: claim.attempts },
    'digest already in the channel from an earlier attempt: recorded, not posted again',
  );
}

async function recordPermanentFailure(
  delivery: Delivery,
  digest: DueDigest,
  claim: Claim,
  error: PermanentPostError,
  at: () => Date,
  log: Logger,
  result: TickResult,
): Promise<void> {
  const { store, pauseAfter } = delivery;
  const message = describeError(error);
  if (!(await store.markFailed(claim, message))) log.warn('the claim was taken over before the failure was recorded');
  const subscriptionId = digest.subscription.id;
  const failures = await store.recordPermanentFailure(subscriptionId, error.reason, at(), pauseAfter);
  const details = { reason: error.reason, failures: failures.consecutiveFailures };
  if (failures.paused) {
    result.paused.push({ subscriptionId, reason: error.reason });
    log.warn(details, 'subscription paused after repeated permanent failures');
  } else {
    log.warn({ ...details, err: message }, 'digest could not be posted (permanent)');
  }
}

async function recordTimeout(
  delivery: Delivery,
  claim: Claim,
  abandoned: Promise<void>,
  at: () => Date,
  log: Logger,
  result: TickResult,
  platform: Platform,
): Promise<void> {
  countFailure(delivery, platform, result);
  result.timedOut++;
  await scheduleRetry(delivery.store, claim, describeError(new PostTimeoutError(delivery.postTimeoutMs)), at(), log);
  // Recorded after the retry, so a late landing always finds the retry to overrule.
  void abandoned.then(
    () => recordLateLanding(delivery.store, claim, at, log),
    () => undefined,
  );
}

async function recordPosted(
  delivery: Delivery,
  digest: DueDigest,
  claim: Claim,
  at: () => Date,
  log: Logger,
  result: TickResult,
): Promise<void> {
  const { store } = delivery;
  if (!(await store.markPosted(claim, at())))
    log.error('posted, but the claim had expired and was taken over meanwhile: the channel may get this digest twice');
  await store.recordSuccess(digest.subscription.id);
  result.posted++;
  delivery.onDelivery?.(digest.subscription.channel.platform, 'posted');
  log.info(
    { type: digest.type, scheduledAt: digest.scheduledAt.toISOString(), attempts: claim.attempts },
    'digest posted',
  );
}

/** Posts the digest, giving up (and aborting the request) at the post timeout. */
function postWithin(poster: DigestPoster, digest: DueDigest, postTimeoutMs: number): Promise<PostOutcome> {
  const controller = new AbortController();
  const options = { signal: controller.signal, occurrenceKey: digest.occurrenceKey };
  // Inside the async function: an answer that fails to build is a failed post, not a crashed tick.
  const posting = (async () => poster.post(digest.subscription.channel, digest.answer, options))();
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

/** Looks for the occurrence's tag in the channel, bounded by the post timeout; a failed look is a transient failure. */
async function alreadyInChannel(poster: DigestPoster, digest: DueDigest, postTimeoutMs: number): Promise<boolean> {
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

async function scheduleRetry(
  store: SubscriptionStore,
  claim: Claim,
  message: string,
  failedAt: Date,
  log: Logger,
): Promise<void> {
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

async function recordLateLanding(store: SubscriptionStore, claim: Claim, at: () => Date, log: Logger): Promise<void> {
  try {
    if (await store.markPosted(claim, at()))
      log.warn('a post abandoned at its timeout landed after all; recorded as posted, not retried');
    else
      log.error(
        'a post abandoned at its timeout landed after the posting was claimed again: ' +
          'the channel may get this digest twice',
      );
  } catch (error) {
    log.warn(
      { err: describeError(error) },
      'a post abandoned at its timeout landed after all, but could not be recorded',
    );
  }
}
