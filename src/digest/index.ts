export { openStore } from '../storage/open.ts';
export type { Claim, Store, SubscriptionStore, PostingRecord } from '../storage/store.ts';
export { createSubscriptionCommands } from './commands.ts';
export { dueDigests, type DueDigest, type DueOptions, type DigestType } from './due.ts';
export {
  DEFAULT_CLAIM_LEASE_MS,
  DEFAULT_POST_TIMEOUT_MS,
  DEFAULT_RETENTION_DAYS,
  startDigestScheduler,
  type DigestScheduler,
  type DigestSchedulerOptions,
  type TickResult,
} from './scheduler.ts';
export { PermanentPostError, PostTimeoutError, type DigestPoster, type PostOptions } from './poster.ts';
export { SUBSCRIBE_USAGE, UNSUBSCRIBE_USAGE } from './options.ts';
export type { Subscription, SubscriptionSettings, DigestKind } from '../domain/subscription.ts';
