import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Platform } from '../domain/channel.ts';
import type { ReleaseAlertFilter, Subscription, Weekday } from '../domain/subscription.ts';
import { openDatabase, type SqliteDatabase } from './database.ts';
import {
  checkLease,
  clipError,
  kindFlags,
  receivesFrom,
  releaseAlertsToStore,
  type Claim,
  type PostingRecord,
  type PostingStatus,
  type Store,
} from './store.ts';
import { ConnectionGate } from './connection-gate.ts';
import { sqliteInstallations } from './sqlite-installations.ts';
import { asStorageError, StorageError } from './storage-error.ts';
import type { TokenCipher } from './token-cipher.ts';

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
  release_alerts: string | null;
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
    ...receivesFrom(
      row.id,
      row.milestones === 1,
      row.weekly === 1,
      row.release_alerts === null ? null : JSON.parse(row.release_alerts),
    ),
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

const kindBits = (kind: Subscription['kind'] | null): { milestones: 0 | 1; weekly: 0 | 1 } => {
  const flags = kindFlags(kind);
  return { milestones: flags.milestones ? 1 : 0, weekly: flags.weekly ? 1 : 0 };
};

const releaseAlertsColumn = (releases: ReleaseAlertFilter | null | undefined): string | null => {
  const checked = releaseAlertsToStore(releases);
  return checked ? JSON.stringify(checked) : null;
};

const claimIdentity = (claim: Claim): { key: string; claimedBy: string; claimedAt: string } => ({
  key: claim.occurrenceKey,
  claimedBy: claim.claimedBy,
  claimedAt: claim.claimedAt,
});

export interface SubscriptionStoreOptions {
  /**
   * Told when the database starts failing (the error names the file) and when it works again: any
   * successful write ends a failure, a successful read only a failure of a read.
   */
  onHealthChange?: (problem: StorageError | null) => void;
  /** Seals the tokens of Slack installations; without it the installation methods name the variable to set. */
  installationCipher?: TokenCipher;
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
function guarded<T extends object>(
  file: string,
  health: ReturnType<typeof healthTracker>,
  gate: ConnectionGate,
  methods: T,
  reads: ReadonlySet<keyof T>,
): T {
  const wrapped = {} as Record<keyof T, unknown>;
  for (const [name, method] of Object.entries(methods) as [keyof T, unknown][]) {
    if (typeof method !== 'function') {
      wrapped[name] = method;
      continue;
    }
    const access: Access = reads.has(name) ? 'read' : 'write';
    wrapped[name] = async (...args: unknown[]) => {
      let result: unknown;
      try {
        await gate.idle();
        result = await method(...args);
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

const READS = new Set<keyof Store>(['find', 'list', 'listActive', 'posting', 'postings', 'findInstallation']);

type Subscriptions = Pick<
  Store,
  'save' | 'find' | 'changeKind' | 'remove' | 'list' | 'listActive' | 'recordSuccess' | 'recordPermanentFailure'
>;
type Postings = Pick<
  Store,
  'claim' | 'markPosted' | 'markRetry' | 'markFailed' | 'prunePostings' | 'posting' | 'postings'
>;
type DeliveryKeys = Pick<Store, 'claimDeliveryKey' | 'pruneDeliveryKeys'>;

/** Subscriptions: what each channel receives, and its pause state after permanent failures. */
function sqliteSubscriptions(db: SqliteDatabase): Subscriptions {
  const selectByChannel = db.prepare<[string, string, string], SubscriptionRow>(
    'SELECT * FROM subscriptions WHERE platform = ? AND workspace = ? AND channel = ?',
  );
  const upsert = db.prepare<Record<string, unknown>, SubscriptionRow>(`
    INSERT INTO subscriptions (platform, workspace, channel, milestones, weekly, release_alerts, time_of_day, time_zone, weekday, created_at, updated_at)
    VALUES (@platform, @workspace, @channel, @milestones, @weekly, @releaseAlerts, @time, @timeZone, @weekday, @now, @now)
    ON CONFLICT (platform, workspace, channel) DO UPDATE SET
      milestones = excluded.milestones,
      weekly = excluded.weekly,
      release_alerts = excluded.release_alerts,
      time_of_day = excluded.time_of_day,
      time_zone = excluded.time_zone,
      weekday = excluded.weekday,
      updated_at = excluded.updated_at,
      consecutive_permanent_failures = 0,
      paused_at = NULL,
      paused_reason = NULL
    RETURNING *`);
  const updateKind = db.prepare<[number, number, string | null, string, string, string, string], SubscriptionRow>(`
    UPDATE subscriptions SET milestones = ?, weekly = ?, release_alerts = ?, updated_at = ?
    WHERE platform = ? AND workspace = ? AND channel = ? RETURNING *`);
  const deleteByChannel = db.prepare<[string, string, string]>(
    'DELETE FROM subscriptions WHERE platform = ? AND workspace = ? AND channel = ?',
  );
  const selectAll = db.prepare<[], SubscriptionRow>('SELECT * FROM subscriptions ORDER BY id');
  const selectActive = db.prepare<[], SubscriptionRow>(
    'SELECT * FROM subscriptions WHERE paused_at IS NULL ORDER BY id',
  );

  const success = db.prepare<[number]>(
    'UPDATE subscriptions SET consecutive_permanent_failures = 0 WHERE id = ? AND consecutive_permanent_failures <> 0',
  );
  const permanentFailure = db.prepare<
    Record<string, unknown>,
    { consecutive_permanent_failures: number; paused_at: string | null }
  >(`
    UPDATE subscriptions SET
      consecutive_permanent_failures = consecutive_permanent_failures + 1,
      last_failure = @reason,
      paused_at = CASE WHEN paused_at IS NULL AND consecutive_permanent_failures + 1 >= @pauseAfter THEN @now ELSE paused_at END,
      paused_reason = CASE WHEN paused_at IS NULL AND consecutive_permanent_failures + 1 >= @pauseAfter THEN @reason ELSE paused_reason END
    WHERE id = @id
    RETURNING consecutive_permanent_failures, paused_at`);

  return {
    async save(channel, settings, now) {
      const [row] = upsert.all({
        ...channel,
        ...kindBits(settings.kind),
        releaseAlerts: releaseAlertsColumn(settings.releases),
        time: settings.time,
        timeZone: settings.timeZone,
        weekday: settings.weekday,
        now: now.toISOString(),
      });
      return toSubscription(row!);
    },
    async find(channel) {
      const row = selectByChannel.get(channel.platform, channel.workspace, channel.channel);
      return row ? toSubscription(row) : null;
    },
    async changeKind(channel, { kind, releases }, now) {
      if (kind === null && !releases) {
        deleteByChannel.run(channel.platform, channel.workspace, channel.channel);
        return null;
      }
      const flags = kindBits(kind);
      const alerts = releaseAlertsColumn(releases);
      const [row] = updateKind.all(
        flags.milestones,
        flags.weekly,
        alerts,
        now.toISOString(),
        channel.platform,
        channel.workspace,
        channel.channel,
      );
      return row ? toSubscription(row) : null;
    },
    async remove(channel) {
      return deleteByChannel.run(channel.platform, channel.workspace, channel.channel).changes > 0;
    },
    async list(filter = {}) {
      return selectAll
        .all()
        .map(toSubscription)
        .filter((s) => (filter.platform ? s.channel.platform === filter.platform : true))
        .filter((s) => (filter.workspace ? s.channel.workspace === filter.workspace : true));
    },
    async listActive() {
      return selectActive.all().map(toSubscription);
    },
    async recordSuccess(subscriptionId) {
      success.run(subscriptionId);
    },
    async recordPermanentFailure(subscriptionId, reason, now, pauseAfter) {
      const nowIso = now.toISOString();
      const [row] = permanentFailure.all({ id: subscriptionId, reason: clipError(reason), now: nowIso, pauseAfter });
      if (!row) return { consecutiveFailures: 0, paused: false };
      return { consecutiveFailures: row.consecutive_permanent_failures, paused: row.paused_at === nowIso };
    },
  };
}

/** Postings: one claim per occurrence across every connection, and the claim's outcome. */
function sqlitePostings(db: SqliteDatabase, claimant: string): Postings {
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
  const selectPosting = db.prepare<[string], PostingRow>('SELECT * FROM postings WHERE occurrence_key = ?');
  const selectPostings = db.prepare<[], PostingRow>('SELECT * FROM postings ORDER BY scheduled_at, occurrence_key');
  const selectPostingsFor = db.prepare<[number], PostingRow>(
    'SELECT * FROM postings WHERE subscription_id = ? ORDER BY scheduled_at, occurrence_key',
  );

  return {
    async claim({ occurrenceKey, subscriptionId, scheduledAt, now, leaseMs, graceEndsAt }) {
      checkLease(leaseMs);
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
      return {
        occurrenceKey,
        claimedBy: row.claimed_by,
        claimedAt: row.claimed_at,
        attempts: row.attempts,
        takenOverFrom: row.taken_over_from,
      };
    },
    async markPosted(claim, now) {
      return posted.run({ ...claimIdentity(claim), now: now.toISOString() }).changes === 1;
    },
    async markRetry(claim, error, retryAt) {
      return (
        retry.run({ ...claimIdentity(claim), error: clipError(error), retryAt: retryAt.toISOString() }).changes === 1
      );
    },
    async markFailed(claim, error) {
      return failed.run({ ...claimIdentity(claim), error: clipError(error) }).changes === 1;
    },
    async prunePostings({ scheduledBefore, keepKeySuffixes }) {
      return prune.run({
        before: scheduledBefore.toISOString(),
        keep: JSON.stringify(keepKeySuffixes.filter((suffix) => suffix.length > 0)),
      }).changes;
    },
    async posting(occurrenceKey) {
      const row = selectPosting.get(occurrenceKey);
      return row ? toPosting(row) : null;
    },
    async postings(subscriptionId) {
      return (subscriptionId === undefined ? selectPostings.all() : selectPostingsFor.all(subscriptionId)).map(
        toPosting,
      );
    },
  };
}

/** Delivery keys: a Slack event answered once across processes. */
function sqliteDeliveryKeys(db: SqliteDatabase): DeliveryKeys {
  // A key is won by its first claim, or again once that claim expired.
  const claimKey = db.prepare<[string, string, string], { key: string }>(`
    INSERT INTO delivery_keys (key, expires_at) VALUES (?, ?)
    ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE delivery_keys.expires_at <= ?
    RETURNING key`);
  const pruneKeys = db.prepare<[string]>('DELETE FROM delivery_keys WHERE expires_at <= ?');

  return {
    async claimDeliveryKey(key, ttlMs, now) {
      return claimKey.all(key, new Date(now.getTime() + ttlMs).toISOString(), now.toISOString()).length === 1;
    },
    async pruneDeliveryKeys(now) {
      return pruneKeys.run(now.toISOString()).changes;
    },
  };
}

/**
 * Opens `<dataDir>/bot.sqlite` (creating the directory and schema as needed). Every method throws a
 * StorageError naming the file when SQLite fails; nothing failed is ever reported as saved.
 */
export function openSqliteStore(dataDir: string, options: SubscriptionStoreOptions = {}): Store {
  const db: SqliteDatabase = openDatabase(dataDir);
  const gate = new ConnectionGate();
  const claimant = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const store: Store = {
    backend: 'sqlite',
    location: db.name,
    claimant,
    ...sqliteSubscriptions(db),
    ...sqlitePostings(db, claimant),
    ...sqliteDeliveryKeys(db),
    ...sqliteInstallations(db, options.installationCipher, gate),
    async close() {
      if (db.open) db.close();
    },
  };
  return guarded(db.name, healthTracker(options.onHealthChange), gate, store, READS);
}
