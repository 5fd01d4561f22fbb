export { openSubscriptionStore, type SubscriptionStore, type PostingRecord } from '../storage/subscription-store.ts';
export { createSubscriptionCommands } from './commands.ts';
export { dueDigests, type DueDigest, type DueOptions, type DigestType } from './due.ts';
export { startDigestScheduler, type DigestScheduler, type DigestSchedulerOptions, type TickResult } from './scheduler.ts';
export { PermanentPostError, type DigestPoster } from './poster.ts';
export { SUBSCRIBE_USAGE, UNSUBSCRIBE_USAGE } from './options.ts';
export type { Subscription, SubscriptionSettings, DigestKind } from './subscription.ts';
