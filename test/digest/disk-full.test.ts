import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Bot } from '../../src/bot.ts';
import type { ChannelRef } from '../../src/domain/channel.ts';
import type { Answer } from '../../src/domain/answer.ts';
import { createSubscriptionCommands } from '../../src/digest/commands.ts';
import type { DigestPoster } from '../../src/digest/poster.ts';
import { startDigestScheduler, type DigestScheduler } from '../../src/digest/scheduler.ts';
import { silentLogger } from '../../src/log.ts';
import type { Store as SubscriptionStore } from '../../src/storage/store.ts';
import { openSqliteStore as openSubscriptionStore } from '../../src/storage/subscription-store.ts';
import { canMountDisk, mountSmallDisk, type FullDisk } from '../storage/full-disk.ts';
import { cycle131, dataset } from './fixtures.ts';

const data = dataset({ schedules: [cycle131] });
const channel = (id: string): ChannelRef => ({ platform: 'slack', workspace: 'T1', channel: id });
const created = new Date('2024-07-01T00:00:00Z');
/** Code Freeze of 1.31 is 7 days after this: a milestone reminder is due at 09:00 UTC. */
const reminderDue = new Date('2024-07-17T09:00:00Z');

describe.skipIf(!canMountDisk)('a full disk (real tmpfs) seen by users and by the scheduler', () => {
  let disk: FullDisk;
  let store: SubscriptionStore;
  let scheduler: DigestScheduler | null = null;
  beforeEach(async () => {
    disk = mountSmallDisk()!;
    store = openSubscriptionStore(disk.dataDir);
  });
  afterEach(async () => {
    await scheduler?.stop();
    scheduler = null;
    await store.close();
    disk.unmount();
  });

  it('"subscribe" answers that the change was not saved, 30 times out of 30, and nothing is stored', async () => {
    const bot = new Bot(data, { subscriptions: createSubscriptionCommands(store, data) });
    disk.fill();
    for (let n = 0; n < 30; n++) {
      const answer = await bot.handle('subscribe weekly', { channel: channel(`C${n}`), now: created });
      expect(answer.title).toBe('Not saved');
      expect(answer.summary).toMatch(
        /^Your change was not saved: the bot's storage failed \(database or disk is full \(SQLITE_FULL\)\)/,
      );
      expect(answer.summary).not.toContain(disk.dataDir); // the path is for the operator, not the channel
    }
    disk.free();
    expect(await store.list()).toEqual([]);
    expect((await bot.handle('subscriptions', { channel: channel('C0'), now: created })).title).toBe('No subscription');
  });

  it('a due digest is not posted while its claim cannot be written, tick after tick; posted once when space is back', async () => {
    await store.save(channel('C1'), { kind: 'milestones', time: '09:00', timeZone: 'UTC', weekday: 1 }, created);
    const posted: string[] = [];
    const poster: DigestPoster = {
      platform: 'slack',
      async post(ref: ChannelRef, answer: Answer) {
        posted.push(`${ref.channel}: ${answer.title}`);
      },
    };
    scheduler = startDigestScheduler({
      store,
      dataset: data,
      posters: [poster],
      logger: silentLogger,
      graceHours: 6,
      cronExpression: false,
    });
    disk.fill();
    for (let minute = 0; minute < 5; minute++) {
      const result = await scheduler.tick(new Date(reminderDue.getTime() + minute * 60_000));
      expect(result).toMatchObject({ due: 1, posted: 0, storageError: expect.stringContaining('SQLITE_FULL') });
    }
    expect(posted).toEqual([]);
    disk.free();
    expect(await scheduler.tick(new Date(reminderDue.getTime() + 5 * 60_000))).toMatchObject({
      posted: 1,
      storageError: null,
    });
    expect(await scheduler.tick(new Date(reminderDue.getTime() + 6 * 60_000))).toMatchObject({
      posted: 0,
      alreadyClaimed: 1,
    });
    expect(posted).toHaveLength(1);
  });
});
