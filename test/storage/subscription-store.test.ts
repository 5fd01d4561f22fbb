import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelRef } from '../../src/bot.ts';
import { DATABASE_FILE } from '../../src/storage/database.ts';
import { MIGRATIONS } from '../../src/storage/migrations.ts';
import { openSubscriptionStore, type SubscriptionStore } from '../../src/storage/subscription-store.ts';

const channel: ChannelRef = { platform: 'slack', workspace: 'T1', channel: 'C1' };
const settings = { kind: 'both', time: '09:00', timeZone: 'UTC', weekday: 1 } as const;
const t0 = new Date('2024-07-17T09:00:00Z');

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

  it('changeKind narrows and null removes; remove reports whether anything was removed', () => {
    const store = openStore();
    store.save(channel, settings, t0);
    expect(store.changeKind(channel, 'milestones', t0)!.kind).toBe('milestones');
    expect(store.changeKind(channel, null, t0)).toBeNull();
    expect(store.find(channel)).toBeNull();
    expect(store.remove(channel)).toBe(false);
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
    store.claim({ occurrenceKey: 'k1', subscriptionId: id, scheduledAt: t0, now: t0 });
    store.remove(channel);
    expect(store.postings()).toEqual([]);
  });
});

describe('claiming occurrences', () => {
  it('only the first claim wins, across two connections to the same file', () => {
    const a = openStore();
    const b = openStore();
    const { id } = a.save(channel, settings, t0);
    const request = { occurrenceKey: 'sub:1:weekly:2024-W29', subscriptionId: id, scheduledAt: t0, now: t0 };
    expect(a.claim(request)).toBe(true);
    expect(b.claim(request)).toBe(false);
    expect(a.claim(request)).toBe(false);
    expect(b.posting(request.occurrenceKey)).toMatchObject({ status: 'claimed', claimedBy: a.claimant, attempts: 1 });
  });

  it('posted and permanently failed occurrences are never claimed again', () => {
    const store = openStore();
    const { id } = store.save(channel, settings, t0);
    const later = new Date(t0.getTime() + 86_400_000);
    store.claim({ occurrenceKey: 'posted', subscriptionId: id, scheduledAt: t0, now: t0 });
    store.markPosted('posted', t0);
    store.claim({ occurrenceKey: 'failed', subscriptionId: id, scheduledAt: t0, now: t0 });
    store.markFailed('failed', 'PermanentPostError: channel_not_found');
    expect(store.claim({ occurrenceKey: 'posted', subscriptionId: id, scheduledAt: t0, now: later })).toBe(false);
    expect(store.claim({ occurrenceKey: 'failed', subscriptionId: id, scheduledAt: t0, now: later })).toBe(false);
    expect(store.posting('posted')).toMatchObject({ status: 'posted', postedAt: t0.toISOString() });
    expect(store.posting('failed')).toMatchObject({ status: 'failed', lastError: 'PermanentPostError: channel_not_found' });
  });

  it('a transient failure can be claimed again once its retry time has come, and only once', () => {
    const a = openStore();
    const b = openStore();
    const { id } = a.save(channel, settings, t0);
    const request = { occurrenceKey: 'retry-me', subscriptionId: id, scheduledAt: t0 };
    expect(a.claim({ ...request, now: t0 })).toBe(true);
    a.markRetry('retry-me', 'Error: socket hang up', new Date(t0.getTime() + 60_000));
    expect(b.claim({ ...request, now: new Date(t0.getTime() + 30_000) })).toBe(false);
    expect(b.claim({ ...request, now: new Date(t0.getTime() + 60_000) })).toBe(true);
    expect(a.claim({ ...request, now: new Date(t0.getTime() + 60_000) })).toBe(false);
    expect(a.posting('retry-me')).toMatchObject({ status: 'claimed', attempts: 2, claimedBy: b.claimant, retryAt: null });
  });

  it('separate processes racing for the same keys never both win one', async () => {
    const store = openStore();
    const { id } = store.save(channel, settings, t0);
    const keys = 1000;
    const startFile = path.join(dir, 'go');
    const worker = path.join(import.meta.dirname, 'fixtures', 'claim-worker.ts');
    const run = (): { ready: Promise<void>; won: Promise<string[]> } => {
      const child = spawn(process.execPath, ['--import', 'tsx', worker, dir, String(id), String(keys), startFile], { stdio: ['ignore', 'pipe', 'pipe'] });
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
    const results = await Promise.all(workers.map((w) => w.won));
    const all = results.flat();
    expect(all).toHaveLength(keys);
    expect(new Set(all).size).toBe(keys);
    expect(store.postings(id)).toHaveLength(keys);
    // The race is only meaningful if the processes really overlapped.
    expect(results.filter((won) => won.length > 0).length).toBeGreaterThan(1);
  });
});
