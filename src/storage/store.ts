import type { ChannelRef, Platform } from '../domain/channel.ts';
import type { InstallationStore } from './installations.ts';
import {
  kindFrom,
  ReleaseAlertFilter,
  wantsMilestones,
  wantsWeekly,
  type DigestKind,
  type Receives,
  type Subscription,
  type SubscriptionSettings,
} from '../domain/subscription.ts';

export type PostingStatus = 'claimed' | 'posted' | 'retry' | 'failed';

export interface PostingRecord {
  occurrenceKey: string;
  subscriptionId: number;
  scheduledAt: string;
  status: PostingStatus;
  claimedBy: string;
  claimedAt: string;
  attempts: number;
  postedAt: string | null;
  retryAt: string | null;
  lastError: string | null;
  /** Until when the current claim holds; after that another replica may take the occurrence over. */
  leaseExpiresAt: string | null;
  /** The claimant whose expired claim the current one replaced, if it did. */
  takenOverFrom: string | null;
}

export interface ClaimRequest {
  occurrenceKey: string;
  subscriptionId: number;
  scheduledAt: Date;
  now: Date;
  /** How long the claim holds: while it does, no one else may take the occurrence, even if this claimant died. */
  leaseMs: number;
  /** The end of the occurrence's grace window: from then on it is never claimed (new, retried or taken over). */
  graceEndsAt: Date;
}

/** The right to post one occurrence; pass it back to record the outcome. */
export interface Claim {
  occurrenceKey: string;
  claimedBy: string;
  /** ISO instant; with `claimedBy` it tells this claim from any later one on the same occurrence. */
  claimedAt: string;
  /** Claims of this occurrence so far, this one included. */
  attempts: number;
  /** Set when this claim replaced one whose lease expired without an outcome (its claimant crashed or hung). */
  takenOverFrom: string | null;
}

export interface PruneRequest {
  /** Postings scheduled before this instant are deleted … */
  scheduledBefore: Date;
  /** … except those whose occurrence key ends with one of these (postings that still suppress a repeat). */
  keepKeySuffixes: readonly string[];
}

export interface PermanentFailureOutcome {
  consecutiveFailures: number;
  /** True when this failure paused the subscription. */
  paused: boolean;
}

export interface SubscriptionStore {
  /** Where the data lives: the SQLite file, or the PostgreSQL server and database (no password). */
  readonly location: string;
  /** Identifies this store instance in claims (host, pid, random). */
  readonly claimant: string;
  /** Creates the channel's subscription or replaces its settings; resumes it if it was paused. */
  save(channel: ChannelRef, settings: SubscriptionSettings, now: Date): Promise<Subscription>;
  find(channel: ChannelRef): Promise<Subscription | null>;
  /** Narrows what the channel receives without touching its pause state; receiving nothing removes it. */
  changeKind(channel: ChannelRef, receives: Receives, now: Date): Promise<Subscription | null>;
  remove(channel: ChannelRef): Promise<boolean>;
  /** Every subscription, paused ones included. */
  list(filter?: { platform?: Platform; workspace?: string }): Promise<Subscription[]>;
  /** Subscriptions the scheduler should serve (not paused). */
  listActive(): Promise<Subscription[]>;
  /**
   * Atomically takes the right to post one occurrence, or null. At any moment at most one caller across
   * every connection to the database holds it. Inside the grace window an occurrence can be claimed again when
   * it was marked for retry and its retry time has come, or when its claim's lease expired with no outcome.
   */
  claim(request: ClaimRequest): Promise<Claim | null>;
  /**
   * Records the post. Also accepted after markRetry (a post abandoned at its timeout that landed after all),
   * as long as no later claim took over. False when one did: the occurrence is no longer this claim's.
   */
  markPosted(claim: Claim, now: Date): Promise<boolean>;
  /** A transient failure: the occurrence may be claimed again from `retryAt`. False if the claim was taken over. */
  markRetry(claim: Claim, error: string, retryAt: Date): Promise<boolean>;
  /** A permanent failure: the occurrence is never attempted again. False if the claim was taken over. */
  markFailed(claim: Claim, error: string): Promise<boolean>;
  /** Deletes old postings (see PruneRequest); returns how many. */
  prunePostings(request: PruneRequest): Promise<number>;
  recordSuccess(subscriptionId: number): Promise<void>;
  /** Counts a permanent failure; pauses the subscription (with the reason) at `pauseAfter` in a row. */
  recordPermanentFailure(
    subscriptionId: number,
    reason: string,
    now: Date,
    pauseAfter: number,
  ): Promise<PermanentFailureOutcome>;
  posting(occurrenceKey: string): Promise<PostingRecord | null>;
  postings(subscriptionId?: number): Promise<PostingRecord[]>;
  close(): Promise<void>;
}

/**
 * Keys of things that must happen once across every replica (a Slack event answered once): the first
 * claim of a key wins until it expires.
 */
export interface DeliveryKeyStore {
  /** True when this call is the first to claim `key` (or the earlier claim has expired). */
  claimDeliveryKey(key: string, ttlMs: number, now: Date): Promise<boolean>;
  /** Deletes expired keys; returns how many. */
  pruneDeliveryKeys(now: Date): Promise<number>;
}

/** Everything the bot keeps: one interface, a SQLite and a PostgreSQL implementation. */
export interface Store extends SubscriptionStore, DeliveryKeyStore, InstallationStore {
  readonly backend: 'sqlite' | 'postgres';
}

/** Error texts are stored for operators; keep them bounded. */
export const clipError = (text: string): string => (text.length > 500 ? `${text.slice(0, 499)}…` : text);

export function checkLease(leaseMs: number): void {
  if (!(leaseMs > 0)) throw new RangeError(`claim lease must be a positive number of milliseconds, got ${leaseMs}`);
}

export const kindFlags = (kind: DigestKind | null): { milestones: boolean; weekly: boolean } => ({
  milestones: wantsMilestones(kind),
  weekly: wantsWeekly(kind),
});

/** The release filter as stored (validated on the way in). */
export const releaseAlertsToStore = (releases: ReleaseAlertFilter | null | undefined): ReleaseAlertFilter | null =>
  releases ? ReleaseAlertFilter.parse(releases) : null;

/**
 * What a stored row receives. A stored filter that no longer parses (edited by hand, written by a newer
 * build) is named, never guessed.
 */
export function receivesFrom(
  subscriptionId: number,
  milestones: boolean,
  weekly: boolean,
  storedAlerts: unknown,
): Required<Receives> {
  let releases: ReleaseAlertFilter | null = null;
  if (storedAlerts !== null && storedAlerts !== undefined) {
    const parsed = ReleaseAlertFilter.safeParse(storedAlerts);
    if (!parsed.success) {
      throw new Error(
        `subscriptions.release_alerts of subscription ${subscriptionId}: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      );
    }
    releases = parsed.data;
  }
  return { kind: kindFrom(milestones, weekly) ?? (releases ? null : 'both'), releases };
}
