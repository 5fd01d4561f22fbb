import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { ChannelRef, Platform } from '../bot.ts';
import { kindFrom, type DigestKind, type Subscription, type SubscriptionSettings, type Weekday } from '../digest/subscription.ts';
import { openDatabase, type SqliteDatabase } from './database.ts';
import { asStorageError, StorageError } from './storage-error.ts';

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
  /** The SQLite file. */
  readonly file: string;
  /** Identifies this store instance in claims (host, pid, random). */
  readonly claimant: string;
  /** Creates the channel's subscription or replaces its settings; resumes it if it was paused. */
  save(channel: ChannelRef, settings: SubscriptionSettings, now: Date): Subscription;
  find(channel: ChannelRef): Subscription | null;
  /** Narrows what the channel receives without touching its pause state; `null` removes it. */
  changeKind(channel: ChannelRef, kind: DigestKind | null, now: Date): Subscription | null;
  remove(channel: ChannelRef): boolean;
  /** Every subscription, paused ones included. */
  list(filter?: { platform?: Platform; workspace?: string }): Subscription[];
  /** Subscriptions the scheduler should serve (not paused). */
  listActive(): Subscription[];
  /**
   * Atomically takes the right to post one occurrence, or null. At any moment at most one caller across
   * every connection to the file holds it. Inside the grace window an occurrence can be claimed again when
   * it was marked for retry and its retry time has come, or when its claim's lease expired with no outcome.
   */
  claim(request: ClaimRequest): Claim | null;
  /**
   * Records the post. Also accepted after markRetry (a post abandoned at its timeout that landed after all),
   * as long as no later claim took over. False when one did: the occurrence is no longer this claim's.
   */
  markPosted(claim: Claim, now: Date): boolean;
  /** A transient failure: the occurrence may be claimed again from `retryAt`. False if the claim was taken over. */
  markRetry(claim: Claim, error: string, retryAt: Date): boolean;
  /** A permanent failure: the occurrence is never attempted again. False if the claim was taken over. */
  markFailed(claim: Claim, error: string): boolean;
  /** Deletes old postings (see PruneRequest); returns how many. */
  prunePostings(request: PruneRequest): number;
  recordSuccess(subscriptionId: number): void;
  /** Counts a permanent failure; pauses the subscription (with the reason) at `pauseAfter` in a row. */
  recordPermanentFailure(subscriptionId: number, reason: string, now: Date, pauseAfter: number): PermanentFailureOutcome;
  posting(occurrenceKey: string): PostingRecord | null;
  postings(subscriptionId?: number): PostingRecord[];
  close(): void;
}

interface SubscriptionRow {
  id: number;
  platform: Platform;
  workspace: string;
  channel: string;
  milestones: 0 | 1;
  weekly: 0 | 1;
  time_of_day: string;
  time_zone: string;
  weekday: number;
  created_at: string;
  updated_at: string;
  consecutive_permanent_failures: number;
  last_failure: string | null;
  paused_at: string | null;
  paused_reason: string | null;
}

interface ClaimRow {
  claimed_by: string;
  claimed_at: string;
  attempts: number;
  taken_over_from: string | null;
}

interface PostingRow {
  occurrence_key: string;
  subscription_id: number;
  scheduled_at: string;
  status: PostingStatus;
  claimed_by: string;
  claimed_at: string;
  attempts: number;
  posted_at: string | null;
  retry_at: string | null;
  last_error: string | null;
  lease_expires_at: string | null;
  taken_over_from: string | null;
}

function toSubscription(row: SubscriptionRow): Subscription {
  return {
    id: row.id,
    channel: { platform: row.platform, workspace: row.workspace, channel: row.channel },
    kind: kindFrom(row.milestones === 1, row.weekly === 1) ?? 'both',
    time: row.time_of_day,
    timeZone: row.time_zone,
    weekday: row.weekday as Weekday,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    consecutivePermanentFailures: row.consecutive_permanent_failures,
    lastFailure: row.last_failure,
    pausedAt: row.paused_at ? new Date(row.paused_at) : null,
    pausedReason: row.paused_reason,
  };
}

function toPosting(row: PostingRow): PostingRecord {
  return {
    occurrenceKey: row.occurrence_key,
    subscriptionId: row.subscription_id,
    scheduledAt: row.scheduled_at,
    status: row.status,
    claimedBy: row.claimed_by,
    claimedAt: row.claimed_at,
    attempts: row.attempts,
    postedAt: row.posted_at,
    retryAt: row.retry_at,
    lastError: row.last_error,
    leaseExpiresAt: row.lease_expires_at,
    takenOverFrom: row.taken_over_from,
  };
}

const kindFlags = (kind: DigestKind): { milestones: 0 | 1; weekly: 0 | 1 } => ({
  milestones: kind === 'weekly' ? 0 : 1,
  weekly: kind === 'milestones' ? 0 : 1,
});

const claimIdentity = (claim: Claim): { key: string; claimedBy: string; claimedAt: string } => ({
  key: claim.occurrenceKey,
  claimedBy: claim.claimedBy,
  claimedAt: claim.claimedAt,
});

/** Error texts are stored for operators; keep them bounded. */
const clip = (text: string): string => (text.length > 500 ? `${text.slice(0, 499)}…` : text);

export interface SubscriptionStoreOptions {
  /**
   * Told when the database starts failing (the error names the file) and when it works again: any
   * successful write ends a failure, a successful read only a failure of a read.
   */
  onHealthChange?: (problem: StorageError | null) => void;
}

type Access = 'read' | 'write';

/** Reports health changes once each; see SubscriptionStoreOptions.onHealthChange. */
function healthTracker(onHealthChange: SubscriptionStoreOptions['onHealthChange']) {
  let failed: Access | null = null;
  let reported = '';
  return {
    succeeded(access: Access): void {
      if (failed === null || (failed === 'write' && access === 'read')) return;
      failed = null;
      reported = '';
      onHealthChange?.(null);
    },
    failed(access: Access, problem: StorageError): void {
      if (failed !== 'write') failed = access;
      if (problem.message === reported) return;
      reported = problem.message;
      onHealthChange?.(problem);
    },
  };
}

/**
 * Every store method, with SQLite failures turned into StorageErrors naming the file and reported to the
 * health listener. Statements with RETURNING are read with `.all()`: better-sqlite3's `.get()` returns the
 * first row and ignores an error from the commit that follows (SQLITE_FULL), so a lost write looked saved.
 */
function guarded<T extends object>(file: string, health: ReturnType<typeof healthTracker>, methods: T, reads: ReadonlySet<keyof T>): T {
  const wrapped = {} as Record<keyof T, unknown>;
  for (const [name, method] of Object.entries(methods) as [keyof T, unknown][]) {
    if (typeof method !== 'function') {
      wrapped[name] = method;
      continue;
    }
    const access: Access = reads.has(name) ? 'read' : 'write';
    wrapped[name] = (...args: unknown[]) => {
      let result: unknown;
      try {
        result = method(...args);
      } catch (error) {
        const surfaced = asStorageError(file, error);
        if (surfaced instanceof StorageError) health.failed(access, surfaced);
        throw surfaced;
      }
      health.succeeded(access);
      return result;
    };
  }
  return wrapped as T;
}

const READS = new Set<keyof SubscriptionStore>(['find', 'list', 'listActive', 'posting', 'postings']);

/**
 * Opens `<dataDir>/bot.sqlite` (creating the directory and schema as needed). Every method throws a
 * StorageError naming the file when SQLite fails; nothing failed is ever reported as saved.
 */
export function openSubscriptionStore(dataDir: string, options: SubscriptionStoreOptions = {}): SubscriptionStore {
  const db: SqliteDatabase = openDatabase(dataDir);
  const claimant = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  const selectByChannel = db.prepare<[string, string, string], SubscriptionRow>(
    'SELECT * FROM subscriptions WHERE platform = ? AND workspace = ? AND channel = ?',
  );
  const upsert = db.prepare<Record<string, unknown>, SubscriptionRow>(`
    INSERT INTO subscriptions (platform, workspace, channel, milestones, weekly, time_of_day, time_zone, weekday, created_at, updated_at)
    VALUES (@platform, @workspace, @channel, @milestones, @weekly, @time, @timeZone, @weekday, @now, @now)
    ON CONFLICT (platform, workspace, channel) DO UPDATE SET
      milestones = excluded.milestones,
      weekly = excluded.weekly,
      time_of_day = excluded.time_of_day,
      time_zone = excluded.time_zone,
      weekday = excluded.weekday,
      updated_at = excluded.updated_at,
      consecutive_permanent_failures = 0,
      paused_at = NULL,
      paused_reason = NULL
    RETURNING *`);
  const updateKind = db.prepare<[number, number, string, string, string, string], SubscriptionRow>(`
    UPDATE subscriptions SET milestones = ?, weekly = ?, updated_at = ?
    WHERE platform = ? AND workspace = ? AND channel = ? RETURNING *`);
  const deleteByChannel = db.prepare<[string, string, string]>(
    'DELETE FROM subscriptions WHERE platform = ? AND workspace = ? AND channel = ?',
  );
  const selectAll = db.prepare<[], SubscriptionRow>('SELECT * FROM subscriptions ORDER BY id');
  const selectActive = db.prepare<[], SubscriptionRow>('SELECT * FROM subscriptions WHERE paused_at IS NULL ORDER BY id');

  // One statement decides every claim, so SQLite's write lock makes it atomic across connections and
  // processes: a new key is inserted; an existing one is taken only when it is due for a retry or its
  // claim's lease has expired; otherwise nothing changes and nothing is returned. Two replicas racing for
  // the same stale claim both run the WHERE against the row as it is when each holds the lock, so the
  // second one sees the first one's fresh lease and loses.
  const claimStatement = db.prepare<Record<string, unknown>, ClaimRow>(`
    INSERT INTO postings (occurrence_key, subscription_id, scheduled_at, status, claimed_by, claimed_at, lease_expires_at)
    VALUES (@key, @subscriptionId, @scheduledAt, 'claimed', @claimant, @now, @leaseExpiresAt)
    ON CONFLICT (occurrence_key) DO UPDATE SET
      status = 'claimed',
      claimed_by = excluded.claimed_by,
      claimed_at = excluded.claimed_at,
      lease_expires_at = excluded.lease_expires_at,
      taken_over_from = CASE WHEN postings.status = 'claimed' THEN postings.claimed_by ELSE NULL END,
      attempts = postings.attempts + 1,
      retry_at = NULL
    WHERE (postings.status = 'retry' AND postings.retry_at <= excluded.claimed_at)
       OR (postings.status = 'claimed' AND postings.lease_expires_at <= excluded.claimed_at)
    RETURNING claimed_by, claimed_at, attempts, taken_over_from`);
  // Outcomes are recorded only by the claim that still holds the occurrence (same claimant, same claim time).
  const posted = db.prepare<Record<string, unknown>>(`
    UPDATE postings SET status = 'posted', posted_at = @now, last_error = NULL, retry_at = NULL
    WHERE occurrence_key = @key AND claimed_by = @claimedBy AND claimed_at = @claimedAt AND status IN ('claimed', 'retry')`);
  const retry = db.prepare<Record<string, unknown>>(`
    UPDATE postings SET status = 'retry', last_error = @error, retry_at = @retryAt
    WHERE occurrence_key = @key AND claimed_by = @claimedBy AND claimed_at = @claimedAt AND status = 'claimed'`);
  const failed = db.prepare<Record<string, unknown>>(`
    UPDATE postings SET status = 'failed', last_error = @error
    WHERE occurrence_key = @key AND claimed_by = @claimedBy AND claimed_at = @claimedAt AND status = 'claimed'`);
  const prune = db.prepare<Record<string, unknown>>(`
    DELETE FROM postings
    WHERE scheduled_at < @before
      AND NOT EXISTS (SELECT 1 FROM json_each(@keep) WHERE substr(postings.occurrence_key, -length(json_each.value)) = json_each.value)`);
  const success = db.prepare<[number]>(
    'UPDATE subscriptions SET consecutive_permanent_failures = 0 WHERE id = ? AND consecutive_permanent_failures <> 0',
  );
  const permanentFailure = db.prepare<Record<string, unknown>, { consecutive_permanent_failures: number; paused_at: string | null }>(`
    UPDATE subscriptions SET
      consecutive_permanent_failures = consecutive_permanent_failures + 1,
      last_failure = @reason,
      paused_at = CASE WHEN paused_at IS NULL AND consecutive_permanent_failures + 1 >= @pauseAfter THEN @now ELSE paused_at END,
      paused_reason = CASE WHEN paused_at IS NULL AND consecutive_permanent_failures + 1 >= @pauseAfter THEN @reason ELSE paused_reason END
    WHERE id = @id
    RETURNING consecutive_permanent_failures, paused_at`);
  const selectPosting = db.prepare<[string], PostingRow>('SELECT * FROM postings WHERE occurrence_key = ?');
  const selectPostings = db.prepare<[], PostingRow>('SELECT * FROM postings ORDER BY scheduled_at, occurrence_key');
  const selectPostingsFor = db.prepare<[number], PostingRow>(
    'SELECT * FROM postings WHERE subscription_id = ? ORDER BY scheduled_at, occurrence_key',
  );

  const store: SubscriptionStore = {
    file: db.name,
    claimant,
    save(channel, settings, now) {
      const [row] = upsert.all({
        ...channel,
        ...kindFlags(settings.kind),
        time: settings.time,
        timeZone: settings.timeZone,
        weekday: settings.weekday,
        now: now.toISOString(),
      });
      return toSubscription(row!);
    },
    find(channel) {
      const row = selectByChannel.get(channel.platform, channel.workspace, channel.channel);
      return row ? toSubscription(row) : null;
    },
    changeKind(channel, kind, now) {
      if (kind === null) {
        deleteByChannel.run(channel.platform, channel.workspace, channel.channel);
        return null;
      }
      const flags = kindFlags(kind);
      const [row] = updateKind.all(flags.milestones, flags.weekly, now.toISOString(), channel.platform, channel.workspace, channel.channel);
      return row ? toSubscription(row) : null;
    },
    remove(channel) {
      return deleteByChannel.run(channel.platform, channel.workspace, channel.channel).changes > 0;
    },
    list(filter = {}) {
      return selectAll
        .all()
        .map(toSubscription)
        .filter((s) => (filter.platform ? s.channel.platform === filter.platform : true))
        .filter((s) => (filter.workspace ? s.channel.workspace === filter.workspace : true));
    },
    listActive() {
      return selectActive.all().map(toSubscription);
    },
    claim({ occurrenceKey, subscriptionId, scheduledAt, now, leaseMs, graceEndsAt }) {
      if (!(leaseMs > 0)) throw new RangeError(`claim lease must be a positive number of milliseconds, got ${leaseMs}`);
      // Both are the caller's values, so this needs no lock: past its window an occurrence is left alone.
      if (now.getTime() >= graceEndsAt.getTime()) return null;
      const [row] = claimStatement.all({
        key: occurrenceKey,
        subscriptionId,
        scheduledAt: scheduledAt.toISOString(),
        claimant,
        now: now.toISOString(),
        leaseExpiresAt: new Date(now.getTime() + leaseMs).toISOString(),
      });
      if (!row) return null;
      return { occurrenceKey, claimedBy: row.claimed_by, claimedAt: row.claimed_at, attempts: row.attempts, takenOverFrom: row.taken_over_from };
    },
    markPosted(claim, now) {
      return posted.run({ ...claimIdentity(claim), now: now.toISOString() }).changes === 1;
    },
    markRetry(claim, error, retryAt) {
      return retry.run({ ...claimIdentity(claim), error: clip(error), retryAt: retryAt.toISOString() }).changes === 1;
    },
    markFailed(claim, error) {
      return failed.run({ ...claimIdentity(claim), error: clip(error) }).changes === 1;
    },
    prunePostings({ scheduledBefore, keepKeySuffixes }) {
      return prune.run({ before: scheduledBefore.toISOString(), keep: JSON.stringify(keepKeySuffixes.filter((suffix) => suffix.length > 0)) }).changes;
    },
    recordSuccess(subscriptionId) {
      success.run(subscriptionId);
    },
    recordPermanentFailure(subscriptionId, reason, now, pauseAfter) {
      const nowIso = now.toISOString();
      const [row] = permanentFailure.all({ id: subscriptionId, reason: clip(reason), now: nowIso, pauseAfter });
      if (!row) return { consecutiveFailures: 0, paused: false };
      return { consecutiveFailures: row.consecutive_permanent_failures, paused: row.paused_at === nowIso };
    },
    posting(occurrenceKey) {
      const row = selectPosting.get(occurrenceKey);
      return row ? toPosting(row) : null;
    },
    postings(subscriptionId) {
      return (subscriptionId === undefined ? selectPostings.all() : selectPostingsFor.all(subscriptionId)).map(toPosting);
    },
    close() {
      if (db.open) db.close();
    },
  };
  return guarded(db.name, healthTracker(options.onHealthChange), store, READS);
}
