import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelRef } from '../../src/domain/channel.ts';
import { DATABASE_FILE } from '../../src/storage/database.ts';
import { MIGRATIONS } from '../../src/storage/migrations.ts';
import { openSubscriptionStore, type ClaimRequest, type SubscriptionStore } from '../../src/storage/subscription-store.ts';

const channel: ChannelRef = { platform: 'slack', workspace: 'T1', channel: 'C1' };
const settings = { kind: 'both', time: '09:00', timeZone: 'UTC', weekday: 1 } as const;
const t0 = new Date('2024-07-17T09:00:00Z');
const LEASE_MS = 10 * 60_000;
const after = (ms: number): Date => new Date(t0.getTime() + ms);
/** A claim on `key` scheduled at t0 with a 6-hour grace window and a 10-minute lease. */
const request = (occurrenceKey: string, subscriptionId: number, now: Date = t0): ClaimRequest => ({
  occurrenceKey,
  subscriptionId,
  scheduledAt: t0,
  now,
  leaseMs: LEASE_MS,
  graceEndsAt: after(6 * 3_600_000),
});

let dir: string;
const open: SubscriptionStore[] = [];
const openStore = (dataDir = dir): SubscriptionStore => {
  const store = openSubscriptionStore(dataDir);
  open.push(store);
  return store;
};

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'k8s-bot-store-'));
});
afterEach(() => {
  for (const store of open.splice(0)) store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('opening the database', () => {
  it('creates the data directory and bot.sqlite in WAL mode with the latest schema', () => {
    const nested = path.join(dir, 'var', 'nested');
    const store = openStore(nested);
    expect(store.file).toBe(path.join(nested, DATABASE_FILE));
    expect(existsSync(store.file)).toBe(true);
    const raw = new Database(store.file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all()).toEqual(
      expect.arrayContaining(['postings', 'subscriptions']),
    );
    raw.close();
  });

  it('reopening keeps the data and does not migrate twice', () => {
    openStore().save(channel, settings, t0);
    open.pop()!.close();
    const again = openStore();
    expect(again.list()).toHaveLength(1);
  });

  it('refuses a file written by a newer build, naming the file', () => {
    openStore();
    open.pop()!.close();
    const raw = new Database(path.join(dir, DATABASE_FILE));
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    raw.close();
    expect(() => openSubscriptionStore(dir)).toThrow(new RegExp(`${DATABASE_FILE}.*newer than this build`));
  });
});

describe('subscriptions', () => {
  it('are keyed by platform, workspace and channel; subscribing again updates in place', () => {
    const store = openStore();
    const first = store.save(channel, settings, t0);
    const updated = store.save(channel, { kind: 'weekly', time: '17:30', timeZone: 'Europe/Berlin', weekday: 5 }, new Date('2024-07-18T00:00:00Z'));
    expect(updated.id).toBe(first.id);
    expect(updated).toMatchObject({ kind: 'weekly', time: '17:30', timeZone: 'Europe/Berlin', weekday: 5, createdAt: t0 });
    store.save({ ...channel, workspace: 'T2' }, settings, t0);
    store.save({ ...channel, platform: 'discord' }, settings, t0);
    expect(store.list()).toHaveLength(3);
    expect(store.list({ platform: 'slack' })).toHaveLength(2);
    expect(store.find(channel)!.kind).toBe('weekly');
  });

  it('changeKind narrows and receiving nothing removes; remove reports whether anything was removed', () => {
    const store = openStore();
    store.save(channel, settings, t0);
    expect(store.changeKind(channel, { kind: 'milestones', releases: null }, t0)!.kind).toBe('milestones');
    expect(store.changeKind(channel, { kind: null, releases: null }, t0)).toBeNull();
    expect(store.find(channel)).toBeNull();
    expect(store.remove(channel)).toBe(false);
  });

  it('stores release alerts beside the digests, alone or together, and keeps them across reopening', () => {
    const releases = { events: ['patch', 'eol'], versions: ['1.34', '1.35'] } as const;
    const alertsOnly = { ...settings, kind: null, releases: { events: [...releases.events], versions: [...releases.versions] } };
    openStore().save(channel, alertsOnly, t0);
    const other = { ...channel, channel: 'C2' };
    openStore().save(other, { ...settings, releases: { events: ['minor'], versions: [] } }, t0);
    const reopened = openStore();
    expect(reopened.find(channel)).toMatchObject({ kind: null, releases });
    expect(reopened.find(other)).toMatchObject({ kind: 'both', releases: { events: ['minor'], versions: [] } });
    // Dropping the digests keeps the alerts; dropping the alerts too removes the subscription.
    expect(reopened.changeKind(other, { kind: null, releases: { events: ['minor'], versions: [] } }, t0)).toMatchObject({ kind: null });
    expect(reopened.changeKind(other, { kind: null, releases: null }, t0)).toBeNull();
    expect(reopened.list().map((s) => s.channel.channel)).toEqual(['C1']);
  });

  it('an existing database gains the release-alerts column, its subscriptions unchanged', () => {
    const db = new Database(path.join(dir, DATABASE_FILE));
    db.exec(MIGRATIONS[0]!);
    db.exec(MIGRATIONS[1]!);
    db.pragma('user_version = 2');
    db.prepare(
      `INSERT INTO subscriptions (platform, workspace, channel, milestones, weekly, time_of_day, time_zone, weekday, created_at, updated_at)
       VALUES ('slack', 'T1', 'C1', 1, 0, '08:00', 'Europe/Berlin', 3, '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z')`,
    ).run();
    db.close();
    const store = openStore();
    expect(store.find(channel)).toMatchObject({ kind: 'milestones', releases: null, time: '08:00', timeZone: 'Europe/Berlin', weekday: 3 });
  });

  it('pauses after repeated permanent failures, keeps the reason, and resumes on subscribe', () => {
    const store = openStore();
    const { id } = store.save(channel, settings, t0);
    expect(store.recordPermanentFailure(id, 'not_in_channel', t0, 3)).toEqual({ consecutiveFailures: 1, paused: false });
    store.recordSuccess(id);
    expect(store.recordPermanentFailure(id, 'not_in_channel', t0, 3)).toEqual({ consecutiveFailures: 1, paused: false });
    expect(store.recordPermanentFailure(id, 'channel_not_found', t0, 3)).toEqual({ consecutiveFailures: 2, paused: false });
    expect(store.recordPermanentFailure(id, 'channel_not_found', t0, 3)).toEqual({ consecutiveFailures: 3, paused: true });
    expect(store.listActive()).toEqual([]);
    expect(store.find(channel)).toMatchObject({ pausedAt: t0, pausedReason: 'channel_not_found', lastFailure: 'channel_not_found' });
    store.save(channel, settings, t0);
    expect(store.find(channel)).toMatchObject({ pausedAt: null, pausedReason: null, consecutivePermanentFailures: 0 });
    expect(store.listActive()).toHaveLength(1);
  });

  it('removing a subscription removes its postings', () => {
    const store = openStore();
    const { id } = store.save(channel, settings, t0);
    store.claim(request('k1', id));
    store.remove(channel);
    expect(store.postings()).toEqual([]);
  });
});

describe('migrations', () => {
  it('the released first migration is never edited', () => {
    expect(createHash('sha256').update(MIGRATIONS[0]!).digest('hex')).toBe('83f0a40d9fa2895f9881bc0f71069a4dbdcd6492a33c8cc09a5fd087870bac2a');
  });

  it('a database from the first release is upgraded in place; its open claims get a lease and can be recovered', () => {
    const raw = new Database(path.join(dir, DATABASE_FILE));
    raw.exec(MIGRATIONS[0]!);
    raw.pragma('user_version = 1');
    raw.prepare("INSERT INTO subscriptions VALUES (1, 'slack', 'T1', 'C1', 1, 1, '09:00', 'UTC', 1, ?, ?, 0, NULL, NULL, NULL)").run(t0.toISOString(), t0.toISOString());
    raw.prepare("INSERT INTO postings (occurrence_key, subscription_id, scheduled_at, status, claimed_by, claimed_at) VALUES ('old', 1, ?, 'claimed', 'old-build', ?)").run(t0.toISOString(), t0.toISOString());
    raw.close();

    const store = openStore();
    expect(store.posting('old')).toMatchObject({ status: 'claimed', claimedBy: 'old-build', leaseExpiresAt: '2024-07-17T09:10:00.000Z', takenOverFrom: null });
    expect(store.claim(request('old', 1, after(LEASE_MS - 1)))).toBeNull();
    expect(store.claim(request('old', 1, after(LEASE_MS)))).toMatchObject({ attempts: 2, takenOverFrom: 'old-build' });
  });
});

describe('claiming occurrences', () => {
  it('only the first claim wins, across two connections to the same file', () => {
    const a = openStore();
    const b = openStore();
    const { id } = a.save(channel, settings, t0);
    const claim = request('sub:1:weekly:2024-W29', id);
    expect(a.claim(claim)).toEqual({ occurrenceKey: claim.occurrenceKey, claimedBy: a.claimant, claimedAt: t0.toISOString(), attempts: 1, takenOverFrom: null });
    expect(b.claim(claim)).toBeNull();
    expect(a.claim(claim)).toBeNull();
    expect(b.posting(claim.occurrenceKey)).toMatchObject({ status: 'claimed', claimedBy: a.claimant, attempts: 1, leaseExpiresAt: '2024-07-17T09:10:00.000Z' });
  });

  it('posted and permanently failed occurrences are never claimed again', () => {
    const store = openStore();
    const { id } = store.save(channel, settings, t0);
    const later = after(3_600_000);
    expect(store.markPosted(store.claim(request('posted', id))!, t0)).toBe(true);
    expect(store.markFailed(store.claim(request('failed', id))!, 'PermanentPostError: channel_not_found')).toBe(true);
    expect(store.claim(request('posted', id, later))).toBeNull();
    expect(store.claim(request('failed', id, later))).toBeNull();
    expect(store.posting('posted')).toMatchObject({ status: 'posted', postedAt: t0.toISOString() });
    expect(store.posting('failed')).toMatchObject({ status: 'failed', lastError: 'PermanentPostError: channel_not_found' });
  });

  it('a transient failure can be claimed again once its retry time has come, and only once', () => {
    const a = openStore();
    const b = openStore();
    const { id } = a.save(channel, settings, t0);
    const first = a.claim(request('retry-me', id))!;
    expect(a.markRetry(first, 'Error: socket hang up', after(60_000))).toBe(true);
    expect(b.claim(request('retry-me', id, after(30_000)))).toBeNull();
    expect(b.claim(request('retry-me', id, after(60_000)))).toMatchObject({ attempts: 2, claimedBy: b.claimant, takenOverFrom: null });
    expect(a.claim(request('retry-me', id, after(60_000)))).toBeNull();
    expect(a.posting('retry-me')).toMatchObject({ status: 'claimed', attempts: 2, claimedBy: b.claimant, retryAt: null });
  });

  it('nothing is claimed at or after the end of the grace window, not even a new key', () => {
    const store = openStore();
    const { id } = store.save(channel, settings, t0);
    const graceEnd = after(6 * 3_600_000);
    expect(store.claim(request('late', id, graceEnd))).toBeNull();
    expect(store.posting('late')).toBeNull();
    expect(store.claim(request('late', id, new Date(graceEnd.getTime() - 1)))).not.toBeNull();
  });

  it('separate processes racing for the same keys never both win one', async () => {
    const store = openStore();
    const { id } = store.save(channel, settings, t0);
    const results = await raceWorkers(id, 1000, t0);
    const all = results.flat();
    expect(all).toHaveLength(1000);
    expect(new Set(all).size).toBe(1000);
    expect(store.postings(id)).toHaveLength(1000);
    // The race is only meaningful if the processes really overlapped.
    expect(results.filter((won) => won.length > 0).length).toBeGreaterThan(1);
  }, 30_000);
});

describe('claims left behind by a crashed process', () => {
  /** Claims `key` and closes without recording anything, as a process killed mid-post would. */
  function crashAfterClaiming(key: string): { claimant: string; subscriptionId: number } {
    const crashed = openSubscriptionStore(dir);
    const { id } = crashed.save(channel, settings, t0);
    expect(crashed.claim(request(key, id))).not.toBeNull();
    const claimant = crashed.claimant;
    crashed.close();
    return { claimant, subscriptionId: id };
  }

  it('are taken over by another store once the lease has expired, not before, counting the attempt', () => {
    const { claimant, subscriptionId } = crashAfterClaiming('stale');
    const survivor = openStore();
    expect(survivor.claim(request('stale', subscriptionId, after(LEASE_MS - 1)))).toBeNull();
    const claim = survivor.claim(request('stale', subscriptionId, after(LEASE_MS)));
    expect(claim).toEqual({ occurrenceKey: 'stale', claimedBy: survivor.claimant, claimedAt: after(LEASE_MS).toISOString(), attempts: 2, takenOverFrom: claimant });
    expect(survivor.posting('stale')).toMatchObject({ status: 'claimed', leaseExpiresAt: after(2 * LEASE_MS).toISOString(), takenOverFrom: claimant });
    // The new claim has a lease of its own.
    expect(openStore().claim(request('stale', subscriptionId, after(LEASE_MS + 60_000)))).toBeNull();
    expect(survivor.markPosted(claim!, after(LEASE_MS + 1000))).toBe(true);
    expect(openStore().claim(request('stale', subscriptionId, after(3 * LEASE_MS)))).toBeNull();
  });

  it('are never taken over after the grace window, however long ago the lease expired', () => {
    const { subscriptionId } = crashAfterClaiming('stale');
    const survivor = openStore();
    expect(survivor.claim(request('stale', subscriptionId, after(6 * 3_600_000)))).toBeNull();
    expect(survivor.posting('stale')).toMatchObject({ status: 'claimed', attempts: 1 });
  });

  it('two stores racing for one stale claim: exactly one wins', () => {
    const { subscriptionId } = crashAfterClaiming('stale');
    const a = openStore();
    const b = openStore();
    const at = after(LEASE_MS + 5_000);
    const results = [a.claim(request('stale', subscriptionId, at)), b.claim(request('stale', subscriptionId, at))];
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(a.posting('stale')!.attempts).toBe(2);
  });

  it('separate processes racing to take over the same stale claims never both win one', async () => {
    const crashed = openSubscriptionStore(dir);
    const { id } = crashed.save(channel, settings, t0);
    for (let i = 0; i < 500; i++) crashed.claim(request(`sub:${id}:race:${i}`, id));
    crashed.close();
    const results = await raceWorkers(id, 500, after(LEASE_MS));
    const all = results.flat();
    expect(all).toHaveLength(500);
    expect(new Set(all).size).toBe(500);
    const postings = openStore().postings(id);
    expect(postings.every((p) => p.attempts === 2 && p.takenOverFrom !== null)).toBe(true);
    expect(results.filter((won) => won.length > 0).length).toBeGreaterThan(1);
  }, 30_000);

  it('the claim that was taken over can no longer record an outcome', () => {
    const stalled = openStore();
    const { id } = stalled.save(channel, settings, t0);
    const old = stalled.claim(request('k', id))!;
    const fresh = openStore().claim(request('k', id, after(LEASE_MS)))!;
    expect(stalled.markPosted(old, after(LEASE_MS + 1))).toBe(false);
    expect(stalled.markRetry(old, 'Error: late', after(LEASE_MS + 60_000))).toBe(false);
    expect(stalled.markFailed(old, 'PermanentPostError: late')).toBe(false);
    expect(stalled.posting('k')).toMatchObject({ status: 'claimed', claimedBy: fresh.claimedBy, claimedAt: fresh.claimedAt, lastError: null });
  });

  it('a post abandoned at its timeout that lands before the retry is recorded as posted', () => {
    const store = openStore();
    const { id } = store.save(channel, settings, t0);
    const claim = store.claim(request('k', id))!;
    store.markRetry(claim, 'PostTimeoutError: no answer', after(3 * 60_000));
    expect(store.markPosted(claim, after(2 * 60_000 + 500))).toBe(true);
    expect(store.claim(request('k', id, after(3 * 60_000)))).toBeNull();
    expect(store.posting('k')).toMatchObject({ status: 'posted', retryAt: null, lastError: null });
  });
});

describe('pruning', () => {
  it('deletes postings scheduled before the cutoff except keys with a kept ending', () => {
    const store = openStore();
    const { id } = store.save(channel, settings, t0);
    const claimAt = (key: string, scheduledAt: Date) =>
      store.claim({ occurrenceKey: key, subscriptionId: id, scheduledAt, now: scheduledAt, leaseMs: LEASE_MS, graceEndsAt: new Date(scheduledAt.getTime() + 3_600_000) });
    const old = new Date('2023-01-02T09:00:00Z');
    claimAt(`sub:${id}:weekly:2023-W01`, old);
    claimAt(`sub:${id}:no-schedule:after-1.26`, old);
    claimAt(`sub:${id}:no-schedule:after-1.2`, old);
    claimAt(`sub:${id}:weekly:2024-W29`, t0);
    const cutoff = new Date('2023-06-01T00:00:00Z');
    expect(store.prunePostings({ scheduledBefore: cutoff, keepKeySuffixes: [':no-schedule:after-1.26'] })).toBe(2);
    expect(store.postings().map((p) => p.occurrenceKey)).toEqual([`sub:${id}:no-schedule:after-1.26`, `sub:${id}:weekly:2024-W29`]);
    expect(store.prunePostings({ scheduledBefore: cutoff, keepKeySuffixes: [] })).toBe(1);
  });
});

/** Four processes claim the same keys at `now` after a common go signal; returns what each won. */
async function raceWorkers(subscriptionId: number, keys: number, now: Date): Promise<string[][]> {
  const startFile = path.join(dir, `go-${now.getTime()}`);
  const worker = path.join(import.meta.dirname, 'fixtures', 'claim-worker.ts');
  const run = (): { ready: Promise<void>; won: Promise<string[]> } => {
    const child = spawn(process.execPath, ['--import', 'tsx', worker, dir, String(subscriptionId), String(keys), startFile, now.toISOString()], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let markReady: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => (markReady = resolve));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.startsWith('ready\n')) markReady();
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const won = new Promise<string[]>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => {
        markReady();
        if (code === 0) resolve(JSON.parse(out.slice('ready\n'.length)) as string[]);
        else reject(new Error(`worker exited ${code}: ${err}`));
      });
    });
    return { ready, won };
  };
  const workers = [run(), run(), run(), run()];
  await Promise.all(workers.map((w) => w.ready));
  writeFileSync(startFile, 'go');
  return Promise.all(workers.map((w) => w.won));
}
