import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import pg from 'pg';
import type { Platform } from '../domain/channel.ts';
import type { Subscription, Weekday } from '../domain/subscription.ts';
import { pendingMigrations } from './pending-migrations.ts';
import { postgresInstallations } from './postgres-installations.ts';
import { POSTGRES_MIGRATIONS } from './postgres-migrations.ts';
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
import type { TokenCipher } from './token-cipher.ts';

/** Connections one replica keeps open: the scheduler posts to 8 channels at once, replies need a few more. */
const POOL_SIZE = 10;
/** A replica that cannot reach the server fails its start-up (and its probes) instead of hanging. */
const CONNECT_TIMEOUT_MS = 10_000;

interface SubscriptionRow {
  id: number;
  platform: Platform;
  workspace: string;
  channel: string;
  milestones: boolean;
  weekly: boolean;
  time_of_day: string;
  time_zone: string;
  weekday: number;
  created_at: Date;
  updated_at: Date;
  consecutive_permanent_failures: number;
  last_failure: string | null;
  paused_at: Date | null;
  paused_reason: string | null;
  release_alerts: unknown;
}

interface PostingRow {
  occurrence_key: string;
  subscription_id: number;
  scheduled_at: Date;
  status: PostingStatus;
  claimed_by: string;
  claimed_at: Date;
  attempts: number;
  posted_at: Date | null;
  retry_at: Date | null;
  last_error: string | null;
  lease_expires_at: Date | null;
  taken_over_from: string | null;
}

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);
/** pg sends a JS value as JSON only when given the text: arrays would otherwise become PostgreSQL arrays. */
const alertsJson = (releases: Parameters<typeof releaseAlertsToStore>[0]): string | null => {
  const checked = releaseAlertsToStore(releases);
  return checked ? JSON.stringify(checked) : null;
};

function toSubscription(row: SubscriptionRow): Subscription {
  return {
    id: row.id,
    channel: { platform: row.platform, workspace: row.workspace, channel: row.channel },
    ...receivesFrom(row.id, row.milestones, row.weekly, row.release_alerts),
    time: row.time_of_day,
    timeZone: row.time_zone,
    weekday: row.weekday as Weekday,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    consecutivePermanentFailures: row.consecutive_permanent_failures,
    lastFailure: row.last_failure,
    pausedAt: row.paused_at,
    pausedReason: row.paused_reason,
  };
}

function toPosting(row: PostingRow): PostingRecord {
  return {
    occurrenceKey: row.occurrence_key,
    subscriptionId: row.subscription_id,
    scheduledAt: row.scheduled_at.toISOString(),
    status: row.status,
    claimedBy: row.claimed_by,
    claimedAt: row.claimed_at.toISOString(),
    attempts: row.attempts,
    postedAt: iso(row.posted_at),
    retryAt: iso(row.retry_at),
    lastError: row.last_error,
    leaseExpiresAt: iso(row.lease_expires_at),
    takenOverFrom: row.taken_over_from,
  };
}

/** The server and database of a connection URL, never its password. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `postgres://${parsed.username ? `${decodeURIComponent(parsed.username)}@` : ''}${parsed.host}${parsed.pathname}`;
  } catch {
    return 'postgres://(unparseable DATABASE_URL)';
  }
}

/**
 * Applies every migration newer than the recorded version. An advisory lock on the schema serialises
 * replicas starting at once: the first applies, the others find the schema current.
 */
async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query("SELECT pg_advisory_xact_lock(hashtext('k8s-release-bot:' || current_schema()))");
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ version: number | null }>(
      'SELECT max(version) AS version FROM schema_migrations',
    );
    for (const { version, sql } of pendingMigrations(POSTGRES_MIGRATIONS, rows[0]?.version ?? 0)) {
      await client.query(sql);
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** The schema version recorded in the database (tests, operators). */
export async function postgresSchemaVersion(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ version: number | null }>(
    'SELECT max(version) AS version FROM schema_migrations',
  );
  return rows[0]?.version ?? 0;
}

/** Connects to `databaseUrl`, brings the schema up to date, and returns the store. */
export async function openPostgresStore(
  databaseUrl: string,
  options: { installationCipher?: TokenCipher } = {},
): Promise<Store & { pool: pg.Pool }> {
  const location = describeDatabaseUrl(databaseUrl);
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: POOL_SIZE,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  // An idle connection the server dropped must not crash the process: the next query reconnects or fails.
  pool.on('error', () => undefined);
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end();
    throw new Error(`${location}: cannot open the bot database: ${(error as Error).message}`, { cause: error });
  }
  const claimant = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const rows = async <Row extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<Row[]> =>
    (await pool.query<Row>(sql, values)).rows;
  const changed = async (sql: string, values: unknown[]): Promise<number> =>
    (await pool.query(sql, values)).rowCount ?? 0;
  const byChannel = 'platform = $1 AND workspace = $2 AND channel = $3';
  const channelValues = (channel: { platform: string; workspace: string; channel: string }) => [
    channel.platform,
    channel.workspace,
    channel.channel,
  ];
  // Outcomes are recorded only by the claim that still holds the occurrence (same claimant, same claim time).
  const heldBy = 'occurrence_key = $1 AND claimed_by = $2 AND claimed_at = $3';
  const claimValues = (claim: Claim) => [claim.occurrenceKey, claim.claimedBy, claim.claimedAt];

  return {
    backend: 'postgres',
    location,
    claimant,
    pool,
    async save(channel, settings, now) {
      const flags = kindFlags(settings.kind);
      const [row] = await rows<SubscriptionRow>(
        `INSERT INTO subscriptions (platform, workspace, channel, milestones, weekly, time_of_day, time_zone, weekday, created_at, updated_at, release_alerts)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10)
         ON CONFLICT (platform, workspace, channel) DO UPDATE SET
           milestones = excluded.milestones, weekly = excluded.weekly, release_alerts = excluded.release_alerts,
           time_of_day = excluded.time_of_day,
           time_zone = excluded.time_zone, weekday = excluded.weekday, updated_at = excluded.updated_at,
           consecutive_permanent_failures = 0, paused_at = NULL, paused_reason = NULL
         RETURNING *`,
        [
          ...channelValues(channel),
          flags.milestones,
          flags.weekly,
          settings.time,
          settings.timeZone,
          settings.weekday,
          now,
          alertsJson(settings.releases),
        ],
      );
      return toSubscription(row!);
    },
    async find(channel) {
      const [row] = await rows<SubscriptionRow>(
        `SELECT * FROM subscriptions WHERE ${byChannel}`,
        channelValues(channel),
      );
      return row ? toSubscription(row) : null;
    },
    async changeKind(channel, { kind, releases }, now) {
      if (kind === null && !releases) {
        await changed(`DELETE FROM subscriptions WHERE ${byChannel}`, channelValues(channel));
        return null;
      }
      const flags = kindFlags(kind);
      const [row] = await rows<SubscriptionRow>(
        `UPDATE subscriptions SET milestones = $4, weekly = $5, release_alerts = $6, updated_at = $7 WHERE ${byChannel} RETURNING *`,
        [...channelValues(channel), flags.milestones, flags.weekly, alertsJson(releases), now],
      );
      return row ? toSubscription(row) : null;
    },
    async remove(channel) {
      return (await changed(`DELETE FROM subscriptions WHERE ${byChannel}`, channelValues(channel))) > 0;
    },
    async list(filter = {}) {
      const found = await rows<SubscriptionRow>(
        'SELECT * FROM subscriptions WHERE ($1::text IS NULL OR platform = $1) AND ($2::text IS NULL OR workspace = $2) ORDER BY id',
        [filter.platform ?? null, filter.workspace ?? null],
      );
      return found.map(toSubscription);
    },
    async listActive() {
      return (await rows<SubscriptionRow>('SELECT * FROM subscriptions WHERE paused_at IS NULL ORDER BY id')).map(
        toSubscription,
      );
    },
    async claim({ occurrenceKey, subscriptionId, scheduledAt, now, leaseMs, graceEndsAt }) {
      checkLease(leaseMs);
      if (now.getTime() >= graceEndsAt.getTime()) return null;
      // One statement decides every claim. Under READ COMMITTED, INSERT … ON CONFLICT DO UPDATE locks the
      // conflicting row and evaluates the WHERE against its latest committed version, so of two replicas
      // racing for one stale claim the second waits for the first and then sees its fresh lease: it loses.
      const [row] = await rows<{
        claimed_by: string;
        claimed_at: Date;
        attempts: number;
        taken_over_from: string | null;
      }>(
        `INSERT INTO postings (occurrence_key, subscription_id, scheduled_at, status, claimed_by, claimed_at, lease_expires_at)
         VALUES ($1, $2, $3, 'claimed', $4, $5, $6)
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
         RETURNING claimed_by, claimed_at, attempts, taken_over_from`,
        [occurrenceKey, subscriptionId, scheduledAt, claimant, now, new Date(now.getTime() + leaseMs)],
      );
      if (!row) return null;
      return {
        occurrenceKey,
        claimedBy: row.claimed_by,
        claimedAt: row.claimed_at.toISOString(),
        attempts: row.attempts,
        takenOverFrom: row.taken_over_from,
      };
    },
    async markPosted(claim, now) {
      const sql = `UPDATE postings SET status = 'posted', posted_at = $4, last_error = NULL, retry_at = NULL
                   WHERE ${heldBy} AND status IN ('claimed', 'retry')`;
      return (await changed(sql, [...claimValues(claim), now])) === 1;
    },
    async markRetry(claim, error, retryAt) {
      const sql = `UPDATE postings SET status = 'retry', last_error = $4, retry_at = $5 WHERE ${heldBy} AND status = 'claimed'`;
      return (await changed(sql, [...claimValues(claim), clipError(error), retryAt])) === 1;
    },
    async markFailed(claim, error) {
      const sql = `UPDATE postings SET status = 'failed', last_error = $4 WHERE ${heldBy} AND status = 'claimed'`;
      return (await changed(sql, [...claimValues(claim), clipError(error)])) === 1;
    },
    async prunePostings({ scheduledBefore, keepKeySuffixes }) {
      return changed(
        `DELETE FROM postings WHERE scheduled_at < $1
           AND NOT EXISTS (SELECT 1 FROM unnest($2::text[]) AS kept (suffix) WHERE right(occurrence_key, length(kept.suffix)) = kept.suffix)`,
        [scheduledBefore, keepKeySuffixes.filter((suffix) => suffix.length > 0)],
      );
    },
    async recordSuccess(subscriptionId) {
      await changed(
        'UPDATE subscriptions SET consecutive_permanent_failures = 0 WHERE id = $1 AND consecutive_permanent_failures <> 0',
        [subscriptionId],
      );
    },
    async recordPermanentFailure(subscriptionId, reason, now, pauseAfter) {
      const [row] = await rows<{ consecutive_permanent_failures: number; paused_now: boolean }>(
        `UPDATE subscriptions SET
           consecutive_permanent_failures = consecutive_permanent_failures + 1,
           last_failure = $2,
           paused_at = CASE WHEN paused_at IS NULL AND consecutive_permanent_failures + 1 >= $4 THEN $3 ELSE paused_at END,
           paused_reason = CASE WHEN paused_at IS NULL AND consecutive_permanent_failures + 1 >= $4 THEN $2 ELSE paused_reason END
         WHERE id = $1
         RETURNING consecutive_permanent_failures, paused_at = $3 AS paused_now`,
        [subscriptionId, clipError(reason), now, pauseAfter],
      );
      if (!row) return { consecutiveFailures: 0, paused: false };
      return { consecutiveFailures: row.consecutive_permanent_failures, paused: row.paused_now === true };
    },
    async posting(occurrenceKey) {
      const [row] = await rows<PostingRow>('SELECT * FROM postings WHERE occurrence_key = $1', [occurrenceKey]);
      return row ? toPosting(row) : null;
    },
    async postings(subscriptionId) {
      const found = await rows<PostingRow>(
        'SELECT * FROM postings WHERE ($1::integer IS NULL OR subscription_id = $1) ORDER BY scheduled_at, occurrence_key COLLATE "C"',
        [subscriptionId ?? null],
      );
      return found.map(toPosting);
    },
    async claimDeliveryKey(key, ttlMs, now) {
      const won = await rows(
        `INSERT INTO delivery_keys (key, expires_at) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE delivery_keys.expires_at <= $3
         RETURNING key`,
        [key, new Date(now.getTime() + ttlMs), now],
      );
      return won.length === 1;
    },
    async pruneDeliveryKeys(now) {
      return changed('DELETE FROM delivery_keys WHERE expires_at <= $1', [now]);
    },
    ...postgresInstallations(pool, options.installationCipher),
    async close() {
      if (!pool.ended) await pool.end();
    },
  };
}
