import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { ChannelRef, Platform } from '../bot.ts';
import { kindFrom, type DigestKind, type Subscription, type SubscriptionSettings, type Weekday } from '../digest/subscription.ts';
import { openDatabase, type SqliteDatabase } from './database.ts';

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
}

export interface ClaimRequest {
  occurrenceKey: string;
  subscriptionId: number;
  scheduledAt: Date;
  now: Date;
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
   * Atomically takes the right to post one occurrence. True for exactly one caller across every
   * connection to the file; a posting marked for retry can be claimed again once its retry time passed.
   */
  claim(request: ClaimRequest): boolean;
  markPosted(occurrenceKey: string, now: Date): void;
  /** A transient failure: the occurrence may be claimed again from `retryAt`. */
  markRetry(occurrenceKey: string, error: string, retryAt: Date): void;
  /** A permanent failure: the occurrence is never attempted again. */
  markFailed(occurrenceKey: string, error: string): void;
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
  };
}

const kindFlags = (kind: DigestKind): { milestones: 0 | 1; weekly: 0 | 1 } => ({
  milestones: kind === 'weekly' ? 0 : 1,
  weekly: kind === 'milestones' ? 0 : 1,
});

/** Error texts are stored for operators; keep them bounded. */
const clip = (text: string): string => (text.length > 500 ? `${text.slice(0, 499)}…` : text);

/** Opens `<dataDir>/bot.sqlite` (creating the directory and schema as needed). */
export function openSubscriptionStore(dataDir: string): SubscriptionStore {
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

  const claimStatement = db.prepare<Record<string, unknown>>(`
    INSERT INTO postings (occurrence_key, subscription_id, scheduled_at, status, claimed_by, claimed_at)
    VALUES (@key, @subscriptionId, @scheduledAt, 'claimed', @claimant, @now)
    ON CONFLICT (occurrence_key) DO UPDATE SET
      status = 'claimed',
      claimed_by = excluded.claimed_by,
      claimed_at = excluded.claimed_at,
      attempts = postings.attempts + 1,
      retry_at = NULL
    WHERE postings.status = 'retry' AND postings.retry_at <= excluded.claimed_at`);
  const posted = db.prepare<[string, string]>("UPDATE postings SET status = 'posted', posted_at = ?, last_error = NULL WHERE occurrence_key = ?");
  const retry = db.prepare<[string, string, string]>("UPDATE postings SET status = 'retry', last_error = ?, retry_at = ? WHERE occurrence_key = ?");
  const failed = db.prepare<[string, string]>("UPDATE postings SET status = 'failed', last_error = ? WHERE occurrence_key = ?");
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

  return {
    file: db.name,
    claimant,
    save(channel, settings, now) {
      const row = upsert.get({
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
      const row = updateKind.get(flags.milestones, flags.weekly, now.toISOString(), channel.platform, channel.workspace, channel.channel);
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
    claim({ occurrenceKey, subscriptionId, scheduledAt, now }) {
      const result = claimStatement.run({
        key: occurrenceKey,
        subscriptionId,
        scheduledAt: scheduledAt.toISOString(),
        claimant,
        now: now.toISOString(),
      });
      return result.changes === 1;
    },
    markPosted(occurrenceKey, now) {
      posted.run(now.toISOString(), occurrenceKey);
    },
    markRetry(occurrenceKey, error, retryAt) {
      retry.run(clip(error), retryAt.toISOString(), occurrenceKey);
    },
    markFailed(occurrenceKey, error) {
      failed.run(clip(error), occurrenceKey);
    },
    recordSuccess(subscriptionId) {
      success.run(subscriptionId);
    },
    recordPermanentFailure(subscriptionId, reason, now, pauseAfter) {
      const nowIso = now.toISOString();
      const row = permanentFailure.get({ id: subscriptionId, reason: clip(reason), now: nowIso, pauseAfter });
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
}
