import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src/storage/database.ts';
import { MIGRATIONS } from '../../src/storage/migrations.ts';
import type { ClaimRequest, Store } from '../../src/storage/store.ts';
import { openSqliteStore } from '../../src/storage/subscription-store.ts';
import { describeInstallationContract } from './installation-contract.ts';
import { describeStoreContract } from './store-contract.ts';
import { sqliteBackend } from './support/backends.ts';

describeStoreContract(sqliteBackend());
describeInstallationContract(sqliteBackend());

const t0 = new Date('2024-07-17T09:00:00Z');
const LEASE_MS = 10 * 60_000;
const msAfterStart = (ms: number): Date => new Date(t0.getTime() + ms);
const request = (occurrenceKey: string, subscriptionId: number, now: Date = t0): ClaimRequest => ({
  occurrenceKey,
  subscriptionId,
  scheduledAt: t0,
  now,
  leaseMs: LEASE_MS,
  graceEndsAt: msAfterStart(6 * 3_600_000),
});

let dir: string;
const open: Store[] = [];
const openStore = (dataDir = dir): Store => {
  const store = openSqliteStore(dataDir);
  open.push(store);
  return store;
};

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'k8s-bot-store-'));
});
afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('opening the SQLite database', () => {
  it('creates the data directory and bot.sqlite in WAL mode with the latest schema', () => {
    const nested = path.join(dir, 'var', 'nested');
    const store = openStore(nested);
    expect(store.location).toBe(path.join(nested, DATABASE_FILE));
    expect(existsSync(store.location)).toBe(true);
    const raw = new Database(store.location, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all()).toEqual(
      expect.arrayContaining(['delivery_keys', 'postings', 'subscriptions']),
    );
    raw.close();
  });

  it('refuses a file written by a newer build, naming the file', async () => {
    await openStore().close();
    const raw = new Database(path.join(dir, DATABASE_FILE));
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    raw.close();
    expect(() => openSqliteStore(dir)).toThrow(new RegExp(`${DATABASE_FILE}.*newer than this build`));
  });
});

describe('SQLite migrations', () => {
  it('an existing database gains the release-alerts column, its subscriptions unchanged', async () => {
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
    expect(await store.find({ platform: 'slack', workspace: 'T1', channel: 'C1' })).toMatchObject({
      kind: 'milestones',
      releases: null,
      time: '08:00',
      timeZone: 'Europe/Berlin',
      weekday: 3,
    });
  });

  it('the released first migration is never edited', () => {
    expect(createHash('sha256').update(MIGRATIONS[0]!).digest('hex')).toBe(
      '83f0a40d9fa2895f9881bc0f71069a4dbdcd6492a33c8cc09a5fd087870bac2a',
    );
  });

  it('a database from the first release is upgraded in place; its open claims get a lease and can be recovered', async () => {
    const raw = new Database(path.join(dir, DATABASE_FILE));
    raw.exec(MIGRATIONS[0]!);
    raw.pragma('user_version = 1');
    raw
      .prepare(
        "INSERT INTO subscriptions VALUES (1, 'slack', 'T1', 'C1', 1, 1, '09:00', 'UTC', 1, ?, ?, 0, NULL, NULL, NULL)",
      )
      .run(t0.toISOString(), t0.toISOString());
    raw
      .prepare(
        "INSERT INTO postings (occurrence_key, subscription_id, scheduled_at, status, claimed_by, claimed_at) VALUES ('old', 1, ?, 'claimed', 'old-build', ?)",
      )
      .run(t0.toISOString(), t0.toISOString());
    raw.close();

    const store = openStore();
    expect(await store.posting('old')).toMatchObject({
      status: 'claimed',
      claimedBy: 'old-build',
      leaseExpiresAt: '2024-07-17T09:10:00.000Z',
      takenOverFrom: null,
    });
    expect(await store.claim(request('old', 1, msAfterStart(LEASE_MS - 1)))).toBeNull();
    expect(await store.claim(request('old', 1, msAfterStart(LEASE_MS)))).toMatchObject({
      attempts: 2,
      takenOverFrom: 'old-build',
    });
  });
});
