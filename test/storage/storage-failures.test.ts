import { mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelRef } from '../../src/domain/channel.ts';
import { DATABASE_FILE } from '../../src/storage/database.ts';
import { StorageError } from '../../src/storage/storage-error.ts';
import type { Store as SubscriptionStore } from '../../src/storage/store.ts';
import { openSqliteStore as openSubscriptionStore } from '../../src/storage/subscription-store.ts';
import { canMountDisk, mountSmallDisk, type FullDisk } from './full-disk.ts';

const channelNumber = (n: number): ChannelRef => ({ platform: 'slack', workspace: 'T1', channel: `C${n}` });
const settings = { kind: 'both', time: '09:00', timeZone: 'UTC', weekday: 1 } as const;
const t0 = new Date('2024-07-17T09:00:00Z');
const claimAt = (key: string, subscriptionId: number, now = t0) => ({
  occurrenceKey: key,
  subscriptionId,
  scheduledAt: t0,
  now,
  leaseMs: 600_000,
  graceEndsAt: new Date(t0.getTime() + 6 * 3_600_000),
});

describe.skipIf(!canMountDisk)('a full disk (a real 1 MiB tmpfs filled to the last byte)', () => {
  let disk: FullDisk;
  let store: SubscriptionStore;
  const health: (string | null)[] = [];
  beforeEach(async () => {
    disk = mountSmallDisk()!;
    health.length = 0;
    store = openSubscriptionStore(disk.dataDir, {
      onHealthChange: (problem) => health.push(problem ? problem.message : null),
    });
  });
  afterEach(async () => {
    await store.close();
    disk.unmount();
  });

  it('a subscription that could not be written throws a StorageError naming the file, and nothing claims it saved', async () => {
    await store.save(channelNumber(0), settings, t0);
    disk.fill();
    let failures = 0;
    for (let n = 1; n <= 30; n++) {
      try {
        await store.save(channelNumber(n), settings, t0);
      } catch (error) {
        expect(error).toBeInstanceOf(StorageError);
        expect((error as StorageError).code).toBe('SQLITE_FULL');
        expect((error as Error).message).toContain(path.join(disk.dataDir, DATABASE_FILE));
        failures++;
      }
    }
    expect(failures).toBe(30);
    expect((await store.list()).map((s) => s.channel.channel)).toEqual(['C0']);
    expect(health).toEqual([expect.stringMatching(/bot\.sqlite: database or disk is full \(SQLITE_FULL\)/)]);
  });

  it('a claim that could not be written throws instead of granting the right to post, minute after minute', async () => {
    const subscription = await store.save(channelNumber(0), settings, t0);
    disk.fill();
    for (let minute = 0; minute < 5; minute++) {
      await expect(
        store.claim(claimAt('k1', subscription.id, new Date(t0.getTime() + minute * 60_000))),
      ).rejects.toThrow(StorageError);
    }
    expect(await store.posting('k1')).toBeNull();
  });

  it('reports the store healthy again after the next successful write once space is freed', async () => {
    const subscription = await store.save(channelNumber(0), settings, t0);
    disk.fill();
    await expect(store.save(channelNumber(1), settings, t0)).rejects.toThrow(StorageError);
    await store.find(channelNumber(0)); // a read succeeding proves nothing about writes
    expect(health).toHaveLength(1);
    disk.free();
    expect(await store.claim(claimAt('k1', subscription.id))).not.toBeNull();
    expect(health).toEqual([expect.stringContaining('SQLITE_FULL'), null]);
  });
});

describe('a damaged database file', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'k8s-bot-damaged-'));
    file = path.join(dir, DATABASE_FILE);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A database with enough subscriptions to span several pages, checkpointed into the main file. */
  async function populated(count = 200): Promise<void> {
    const store = openSubscriptionStore(dir);
    for (let n = 0; n < count; n++) await store.save(channelNumber(n), settings, t0);
    await store.close();
  }

  /** A page of subscription rows (not the table's root), from SQLite's own page map: migrations move it. */
  function subscriptionRowsPage(): number {
    const db = new Database(file, { readonly: true });
    try {
      const row = db
        .prepare<[], { pageno: number }>(
          "SELECT pageno FROM dbstat WHERE name = 'subscriptions' AND pagetype = 'leaf' ORDER BY pageno LIMIT 1",
        )
        .get();
      return row!.pageno;
    } finally {
      db.close();
    }
  }

  /** Overwrites page `page` (1-based, 4 KiB pages) with noise. */
  function damagePage(page: number): void {
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, (page - 1) * 4096);
    closeSync(fd);
  }

  it('refuses a 0-byte bot.sqlite, naming it, instead of starting with no subscriptions; the file is left alone', async () => {
    writeFileSync(file, '');
    expect(() => openSubscriptionStore(dir)).toThrow(
      new RegExp(`${file.replaceAll('/', '\\/')}: the file exists but is empty`),
    );
    expect(statSync(file).size).toBe(0);
  });

  it('refuses a file that is not a database, naming it, and leaves it untouched', async () => {
    writeFileSync(file, 'SLACK_BOT_TOKEN=xoxb-this-is-not-a-database\n'.repeat(200));
    const before = readFileSync(file);
    expect(() => openSubscriptionStore(dir)).toThrow(
      new RegExp(`${DATABASE_FILE}: cannot open the bot database: file is not a database`),
    );
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a file with a damaged page at start (quick_check), naming the file and what is wrong', async () => {
    await populated();
    damagePage(subscriptionRowsPage());
    expect(() => openSubscriptionStore(dir)).toThrow(
      new RegExp(`${DATABASE_FILE}: cannot open the bot database: the file is damaged`),
    );
  });

  it('a page damaged while running fails every read with a StorageError naming the file, reported to the health listener', async () => {
    await populated();
    const health: (StorageError | null)[] = [];
    const page = subscriptionRowsPage();
    const store = openSubscriptionStore(dir, { onHealthChange: (problem) => health.push(problem) });
    damagePage(page);
    // Another connection's write makes the store's connection drop its page cache and read the disk again.
    const other = new Database(file);
    other.exec('CREATE TABLE unrelated (x)');
    other.close();
    await expect(store.list()).rejects.toThrow(StorageError);
    await expect(store.list()).rejects.toThrow(
      new RegExp(`${file.replaceAll('/', '\\/')}: database disk image is malformed \\(SQLITE_CORRUPT`),
    );
    expect(health[0]?.code).toMatch(/^SQLITE_CORRUPT/);
    await store.close();
  });
});
