import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChannelRef, Platform } from '../../src/domain/channel.ts';
import type { Answer } from '../../src/domain/answer.ts';
import { dueDigests } from '../../src/digest/due.ts';
import { PermanentPostError, type DigestPoster } from '../../src/digest/poster.ts';
import {
  DEFAULT_CLAIM_LEASE_MS,
  DEFAULT_POST_TIMEOUT_MS,
  startDigestScheduler,
  type DigestScheduler,
  type DigestSchedulerOptions,
} from '../../src/digest/scheduler.ts';
import { silentLogger } from '../../src/log.ts';
import type { Store as SubscriptionStore } from '../../src/storage/store.ts';
import { openSqliteStore as openSubscriptionStore } from '../../src/storage/subscription-store.ts';
import { cycle131, dataset } from './fixtures.ts';

const data = dataset({ schedules: [cycle131] });
const created = new Date('2024-07-01T00:00:00Z');
const sevenDaysBefore = new Date('2024-07-17T09:00:00Z');
const oneDayBefore = new Date('2024-07-23T09:00:00Z');
const milestonesAt9 = { kind: 'milestones', time: '09:00', timeZone: 'UTC', weekday: 1 } as const;

interface Delivery {
  channel: string;
  title: string;
}

/** Records deliveries; `failFor` decides per channel whether (and how) a post fails. */
function recordingPoster(
  platform: Platform,
  failFor: (channel: ChannelRef) => Error | null = () => null,
): DigestPoster & { deliveries: Delivery[] } {
  const deliveries: Delivery[] = [];
  return {
    platform,
    deliveries,
    async post(channel: ChannelRef, answer: Answer) {
      await new Promise((resolve) => setImmediate(resolve));
      const failure = failFor(channel);
      if (failure) throw failure;
      deliveries.push({ channel: channel.channel, title: answer.title });
    },
  };
}

let dir: string;
const stores: SubscriptionStore[] = [];
const schedulers: DigestScheduler[] = [];
const openStore = (): SubscriptionStore => {
  const store = openSubscriptionStore(dir);
  stores.push(store);
  return store;
};
const start = (
  store: SubscriptionStore,
  posters: DigestPoster[],
  graceHours = 6,
  extra: Partial<DigestSchedulerOptions> = {},
): DigestScheduler => {
  const scheduler = startDigestScheduler({
    store,
    dataset: data,
    posters,
    logger: silentLogger,
    graceHours,
    cronExpression: false,
    ...extra,
  });
  schedulers.push(scheduler);
  return scheduler;
};
const slackChannel = (channel: string): ChannelRef => ({ platform: 'slack', workspace: 'T1', channel });

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'k8s-bot-scheduler-'));
});
afterEach(async () => {
  vi.useRealTimers();
  for (const scheduler of schedulers.splice(0)) await scheduler.stop();
  for (const store of stores.splice(0)) await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('exactly once', () => {
  it('a restart between two postings (same SQLite file) posts nothing twice', async () => {
    const first = openStore();
    first.save(slackChannel('C1'), milestonesAt9, created);
    const posterBefore = recordingPoster('slack');
    const before = start(first, [posterBefore]);
    expect(await before.tick(sevenDaysBefore)).toMatchObject({ due: 1, posted: 1 });
    expect(await before.tick(new Date(sevenDaysBefore.getTime() + 60_000))).toMatchObject({
      due: 1,
      posted: 0,
      alreadyClaimed: 1,
    });
    await before.stop();
    first.close();

    // The process restarts a few minutes later, still inside the grace window.
    const second = openStore();
    const posterAfter = recordingPoster('slack');
    const after = start(second, [posterAfter]);
    expect(await after.tick(new Date(sevenDaysBefore.getTime() + 5 * 60_000))).toMatchObject({
      due: 1,
      posted: 0,
      alreadyClaimed: 1,
    });
    expect(await after.tick(oneDayBefore)).toMatchObject({ posted: 2 });

    expect(posterBefore.deliveries).toEqual([{ channel: 'C1', title: 'Code Freeze in 7 days — Kubernetes 1.31' }]);
    expect(posterAfter.deliveries).toEqual([
      { channel: 'C1', title: 'Code Freeze tomorrow — Kubernetes 1.31' },
      { channel: 'C1', title: 'Docs Freeze in 7 days — Kubernetes 1.31' },
    ]);
    expect((await second.postings()).map((p) => [p.occurrenceKey, p.status])).toEqual([
      ['sub:1:milestone:1.31:code-freeze:2024-07-24:7d', 'posted'],
      ['sub:1:milestone:1.31:code-freeze:2024-07-24:1d', 'posted'],
      ['sub:1:milestone:1.31:docs-freeze:2024-07-30:7d', 'posted'],
    ]);
  });

  it('two replicas on one database ticking at the same moment post each digest once', async () => {
    const a = openStore();
    const b = openStore();
    for (let i = 1; i <= 20; i++) a.save(slackChannel(`C${i}`), milestonesAt9, created);
    const posterA = recordingPoster('slack');
    const posterB = recordingPoster('slack');
    const [resultA, resultB] = await Promise.all([
      start(a, [posterA]).tick(sevenDaysBefore),
      start(b, [posterB]).tick(sevenDaysBefore),
    ]);
    const delivered = [...posterA.deliveries, ...posterB.deliveries].map((d) => d.channel).sort();
    expect(delivered).toEqual(Array.from({ length: 20 }, (_, i) => `C${i + 1}`).sort());
    expect(resultA.posted + resultB.posted).toBe(20);
    expect(resultA.alreadyClaimed + resultB.alreadyClaimed).toBe(20);
  });

  it('does not claim postings for a platform this process has no adapter for', async () => {
    const store = openStore();
    await store.save({ platform: 'discord', workspace: 'G1', channel: 'D1' }, milestonesAt9, created);
    const result = await start(store, [recordingPoster('slack')]).tick(sevenDaysBefore);
    expect(result).toMatchObject({ due: 1, noPoster: 1, posted: 0 });
    expect(await store.postings()).toEqual([]);
    // A replica that runs the Discord adapter still can.
    const discord = recordingPoster('discord');
    expect(await start(openStore(), [discord]).tick(sevenDaysBefore)).toMatchObject({ posted: 1 });
  });
});

describe('failures', () => {
  it('a failing channel does not block the others and is retried within the grace window', async () => {
    const store = openStore();
    for (const channel of ['C1', 'C2', 'C3']) await store.save(slackChannel(channel), milestonesAt9, created);
    let c2Down = true;
    const poster = recordingPoster('slack', (channel) =>
      channel.channel === 'C2' && c2Down ? new Error('socket hang up') : null,
    );
    const scheduler = start(store, [poster]);

    expect(await scheduler.tick(sevenDaysBefore)).toMatchObject({ due: 3, posted: 2, failed: 1 });
    expect(poster.deliveries.map((d) => d.channel).sort()).toEqual(['C1', 'C3']);
    const failed = (await store.postings()).find((p) => p.status !== 'posted')!;
    expect(failed).toMatchObject({ status: 'retry', lastError: 'Error: socket hang up' });
    // A minute's backoff, from when the failure was seen.
    expect(Date.parse(failed.retryAt!) - Date.parse(failed.claimedAt)).toBeGreaterThanOrEqual(60_000);

    // Not before its retry time …
    expect(await scheduler.tick(new Date('2024-07-17T09:00:30Z'))).toMatchObject({ posted: 0, alreadyClaimed: 3 });
    // … then once it recovers.
    c2Down = false;
    expect(await scheduler.tick(new Date(failed.retryAt!))).toMatchObject({ posted: 1, alreadyClaimed: 2 });
    expect(poster.deliveries.map((d) => d.channel).sort()).toEqual(['C1', 'C2', 'C3']);
    expect(await store.posting(failed.occurrenceKey)).toMatchObject({ status: 'posted', attempts: 2 });
  });

  it('a channel whose post hangs does not hold up the others', async () => {
    const store = openStore();
    for (const channel of ['HANG', 'C1', 'C2', 'C3', 'C4', 'C5'])
      await store.save(slackChannel(channel), milestonesAt9, created);
    let unblock: () => void = () => undefined;
    let othersDone: () => void = () => undefined;
    const allOthersDelivered = new Promise<void>((resolve) => (othersDone = resolve));
    const delivered: string[] = [];
    const poster: DigestPoster = {
      platform: 'slack',
      post: async (channel) => {
        if (channel.channel === 'HANG') await new Promise<void>((resolve) => (unblock = resolve));
        delivered.push(channel.channel);
        if (delivered.length === 5 && !delivered.includes('HANG')) othersDone();
      },
    };
    const scheduler = start(store, [poster], 6, { concurrency: 2 });
    const ticking = scheduler.tick(sevenDaysBefore);
    await allOthersDelivered;
    expect(delivered.sort()).toEqual(['C1', 'C2', 'C3', 'C4', 'C5']);
    unblock();
    expect(await ticking).toMatchObject({ posted: 6 });
  });

  it('a transient failure that outlasts the grace window is skipped, not posted late', async () => {
    const store = openStore();
    await store.save(slackChannel('C1'), milestonesAt9, created);
    let down = true;
    const poster = recordingPoster('slack', () => (down ? new Error('ETIMEDOUT') : null));
    const scheduler = start(store, [poster], 1);
    expect(await scheduler.tick(sevenDaysBefore)).toMatchObject({ failed: 1 });
    down = false;
    expect(await scheduler.tick(new Date('2024-07-17T10:00:00Z'))).toMatchObject({ due: 0, posted: 0 });
    expect(poster.deliveries).toEqual([]);
  });

  it('pauses a subscription after repeated permanent failures, with the reason, and leaves others alone', async () => {
    const store = openStore();
    const gone = await store.save(slackChannel('GONE'), milestonesAt9, created);
    await store.save(slackChannel('OK'), milestonesAt9, created);
    const poster = recordingPoster('slack', (channel) =>
      channel.channel === 'GONE' ? new PermanentPostError('channel not found', 'channel_not_found') : null,
    );
    const scheduler = start(store, [poster]);

    const ticks = [sevenDaysBefore, oneDayBefore, new Date('2024-07-24T09:00:00Z')];
    const results = [];
    for (const now of ticks) results.push(await scheduler.tick(now));
    expect(results.map((r) => r.paused)).toEqual([[], [], [{ subscriptionId: gone.id, reason: 'channel_not_found' }]]);
    expect(await store.find(slackChannel('GONE'))).toMatchObject({
      pausedReason: 'channel_not_found',
      consecutivePermanentFailures: 3,
    });
    expect((await store.postings(gone.id)).map((p) => p.status)).toEqual(['failed', 'failed', 'failed']);

    // Paused: nothing more is attempted for it; the healthy channel keeps getting its reminders.
    const after = await scheduler.tick(new Date('2024-07-31T09:00:00Z'));
    expect(after).toMatchObject({ due: 1, posted: 1, failed: 0 });
    expect(poster.deliveries.every((d) => d.channel === 'OK')).toBe(true);
    expect(poster.deliveries.map((d) => d.title)).toContain('Test Freeze today — Kubernetes 1.31');
  });
});

describe('lifecycle', () => {
  it('stop() waits for a post in flight', async () => {
    const store = openStore();
    await store.save(slackChannel('C1'), milestonesAt9, created);
    let release: () => void = () => undefined;
    let posted = false;
    const slow: DigestPoster = {
      platform: 'slack',
      post: () =>
        new Promise<void>((resolve) => {
          release = () => {
            posted = true;
            resolve();
          };
        }),
    };
    const scheduler = start(store, [slow]);
    const ticking = scheduler.tick(sevenDaysBefore);
    await new Promise((resolve) => setImmediate(resolve));
    let stopped = false;
    const stopping = scheduler.stop().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(posted).toBe(true);
    expect((await ticking).posted).toBe(1);
    expect((await store.postings())[0]!.status).toBe('posted');
  });

  it('node-cron drives tick() on its own', async () => {
    const store = openStore();
    await store.save(slackChannel('C1'), milestonesAt9, created);
    let delivered: (title: string) => void = () => undefined;
    const firstDelivery = new Promise<string>((resolve) => (delivered = resolve));
    const poster: DigestPoster = { platform: 'slack', post: async (_channel, answer) => delivered(answer.title) };
    // Every second, with a clock pinned to the reminder's minute.
    const scheduler = start(store, [poster], 6, { clock: () => sevenDaysBefore, cronExpression: '* * * * * *' });
    expect(await firstDelivery).toBe('Code Freeze in 7 days — Kubernetes 1.31');
    await scheduler.stop();
    expect((await store.postings()).map((p) => p.status)).toEqual(['posted']);
  });
});

const minutes = (n: number): number => n * 60_000;
const plus = (instant: Date, ms: number): Date => new Date(instant.getTime() + ms);

/** A process that claimed the 7-days-before reminder and died before posting it: claim, then close. */
async function crashAfterClaiming(graceHours = 6, at = sevenDaysBefore): Promise<{ claimant: string; key: string }> {
  const crashed = openSubscriptionStore(dir);
  const subscription = await crashed.save(slackChannel('C1'), milestonesAt9, created);
  const [digest] = dueDigests([subscription], data, at, { graceHours });
  const claim = await crashed.claim({
    occurrenceKey: digest!.occurrenceKey,
    subscriptionId: subscription.id,
    scheduledAt: digest!.scheduledAt,
    now: at,
    leaseMs: DEFAULT_CLAIM_LEASE_MS,
    graceEndsAt: digest!.graceEndsAt,
  });
  expect(claim).not.toBeNull();
  await crashed.close();
  return { claimant: claim!.claimedBy, key: digest!.occurrenceKey };
}

describe('recovering claims left by a crashed process', () => {
  it('a second store posts the orphaned digest exactly once, after the lease and not before', async () => {
    const { claimant, key } = await crashAfterClaiming();
    const store = openStore();
    const poster = recordingPoster('slack');
    const scheduler = start(store, [poster]);

    expect(await scheduler.tick(plus(sevenDaysBefore, minutes(5)))).toMatchObject({
      due: 1,
      alreadyClaimed: 1,
      posted: 0,
    });
    expect(await scheduler.tick(plus(sevenDaysBefore, DEFAULT_CLAIM_LEASE_MS - 1000))).toMatchObject({
      alreadyClaimed: 1,
      posted: 0,
    });
    expect(await scheduler.tick(plus(sevenDaysBefore, DEFAULT_CLAIM_LEASE_MS))).toMatchObject({
      reclaimed: 1,
      posted: 1,
    });
    expect(await scheduler.tick(plus(sevenDaysBefore, DEFAULT_CLAIM_LEASE_MS + minutes(1)))).toMatchObject({
      alreadyClaimed: 1,
      posted: 0,
    });
    expect(await scheduler.tick(plus(sevenDaysBefore, 2 * DEFAULT_CLAIM_LEASE_MS + minutes(1)))).toMatchObject({
      alreadyClaimed: 1,
      posted: 0,
    });

    expect(poster.deliveries).toEqual([{ channel: 'C1', title: 'Code Freeze in 7 days — Kubernetes 1.31' }]);
    expect(await store.posting(key)).toMatchObject({
      status: 'posted',
      attempts: 2,
      takenOverFrom: claimant,
      claimedBy: store.claimant,
    });
  });

  it('never posts it once the grace window is over, when the lease outlives the window', async () => {
    // Claimed 55 minutes into a one-hour window: the lease outlives the window.
    await crashAfterClaiming(1, plus(sevenDaysBefore, minutes(55)));
    const store = openStore();
    const poster = recordingPoster('slack');
    const scheduler = start(store, [poster], 1);
    expect(await scheduler.tick(plus(sevenDaysBefore, minutes(59)))).toMatchObject({ due: 1, alreadyClaimed: 1 });
    expect(await scheduler.tick(plus(sevenDaysBefore, minutes(65)))).toMatchObject({ due: 0, posted: 0 });
    expect(poster.deliveries).toEqual([]);
    expect((await store.postings())[0]).toMatchObject({ status: 'claimed', attempts: 1 });
  });

  it('two replicas ticking at once after the lease: one takes it over and posts, the other does not', async () => {
    await crashAfterClaiming();
    const posterA = recordingPoster('slack');
    const posterB = recordingPoster('slack');
    const now = plus(sevenDaysBefore, DEFAULT_CLAIM_LEASE_MS + minutes(1));
    const [a, b] = await Promise.all([
      start(openStore(), [posterA]).tick(now),
      start(openStore(), [posterB]).tick(now),
    ]);
    expect(a.reclaimed + b.reclaimed).toBe(1);
    expect(a.alreadyClaimed + b.alreadyClaimed).toBe(1);
    expect([...posterA.deliveries, ...posterB.deliveries]).toHaveLength(1);
  });
});

describe('post timeout', () => {
  /** A Slack poster whose posts hang until released; records the abort signals it was given. */
  function hangingPoster(): DigestPoster & {
    signals: AbortSignal[];
    land: () => void;
    delivered: number;
    hang: boolean;
  } {
    const poster = {
      platform: 'slack' as const,
      signals: [] as AbortSignal[],
      delivered: 0,
      hang: true,
      land: (): void => undefined,
      post(_channel: ChannelRef, _answer: Answer, options?: { signal?: AbortSignal }): Promise<void> {
        poster.signals.push(options!.signal!);
        if (!poster.hang) {
          poster.delivered++;
          return Promise.resolve();
        }
        return new Promise<void>((resolve) => {
          poster.land = () => {
            poster.delivered++;
            resolve();
          };
        });
      },
    };
    return poster;
  }

  /** One milestone subscriber, fake timers, and the 7-days-before tick started against a hanging poster. */
  async function tickWithHangingPoster() {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const store = openStore();
    await store.save(slackChannel('C1'), milestonesAt9, created);
    const poster = hangingPoster();
    const scheduler = start(store, [poster]);
    return { store, poster, scheduler, ticking: scheduler.tick(sevenDaysBefore) };
  }

  it('a post that hangs past postTimeoutMs is abandoned (signal aborted) and retried after the backoff', async () => {
    const { store, poster, scheduler, ticking } = await tickWithHangingPoster();
    await vi.advanceTimersByTimeAsync(DEFAULT_POST_TIMEOUT_MS - 1);
    expect(poster.signals[0]!.aborted).toBe(false);
    expect((await store.postings())[0]!.status).toBe('claimed');
    await vi.advanceTimersByTimeAsync(1);
    expect(await ticking).toMatchObject({ failed: 1, timedOut: 1, posted: 0 });
    expect(poster.signals[0]!.aborted).toBe(true);
    const abandoned = (await store.postings())[0]!;
    expect(abandoned).toMatchObject({ status: 'retry', attempts: 1 });
    expect(abandoned.lastError).toMatch(/^PostTimeoutError: /);

    poster.hang = false;
    expect(await scheduler.tick(new Date(abandoned.retryAt!))).toMatchObject({ posted: 1 });
    expect((await store.postings())[0]).toMatchObject({ status: 'posted', attempts: 2 });
    expect(poster.delivered).toBe(1);
  });

  it('an abandoned post that lands before its retry is recorded as posted and not sent again', async () => {
    const { store, poster, scheduler, ticking } = await tickWithHangingPoster();
    await vi.advanceTimersByTimeAsync(DEFAULT_POST_TIMEOUT_MS);
    expect(await ticking).toMatchObject({ timedOut: 1 });
    const retryAt = (await store.postings())[0]!.retryAt!;

    poster.land();
    await vi.waitFor(async () => expect((await store.postings())[0]!.status).toBe('posted'));
    poster.hang = false;
    expect(await scheduler.tick(new Date(retryAt))).toMatchObject({ alreadyClaimed: 1, posted: 0 });
    expect(poster.delivered).toBe(1);
  });

  it('rejects a claim lease that does not outlast the post timeout', () => {
    const store = openStore();
    expect(() => start(store, [], 6, { postTimeoutMs: minutes(2), claimLeaseMs: minutes(2) })).toThrow(
      /claimLeaseMs \(120000 ms\) must exceed postTimeoutMs \(120000 ms\)/,
    );
    expect(() => start(store, [], 6, { postTimeoutMs: 0 })).toThrow(/postTimeoutMs must be a positive number/);
    expect(() => start(store, [], 6, { retentionDays: 7 })).toThrow(
      /retentionDays \(7\) must be longer than the longest grace window/,
    );
    expect(() => start(store, [], 6, { postTimeoutMs: 1000, claimLeaseMs: 6000 })).not.toThrow();
  });
});

describe('pruning old postings', () => {
  const oldDate = new Date('2023-01-02T09:00:00Z');
  /** Records a posting as another tick would have (claimed and posted at its time). */
  async function recordPosting(
    store: SubscriptionStore,
    subscriptionId: number,
    key: string,
    scheduledAt: Date,
  ): Promise<void> {
    const claim = await store.claim({
      occurrenceKey: `sub:${subscriptionId}:${key}`,
      subscriptionId,
      scheduledAt,
      now: scheduledAt,
      leaseMs: DEFAULT_CLAIM_LEASE_MS,
      graceEndsAt: plus(scheduledAt, minutes(60)),
    });
    await store.markPosted(claim!, scheduledAt);
  }

  it('once a day, deletes postings older than 400 days but keeps the notice that stops a repeat', async () => {
    const store = openStore();
    const { id } = await store.save(slackChannel('C1'), { ...milestonesAt9, kind: 'weekly' }, created);
    await recordPosting(store, id, 'weekly:2023-W01', oldDate);
    await recordPosting(store, id, 'no-schedule:after-1.30', oldDate); // the newest schedule is 1.31 now: never due again
    await recordPosting(store, id, 'no-schedule:after-1.31', oldDate); // still what `no-schedule` would be keyed by
    await recordPosting(store, id, 'weekly:2024-W20', new Date('2024-05-13T09:00:00Z'));
    const scheduler = start(store, [recordingPoster('slack')]);

    expect(await scheduler.tick(new Date('2024-07-16T10:00:00Z'))).toMatchObject({ pruned: 2 });
    expect((await store.postings()).map((p) => p.occurrenceKey)).toEqual([
      `sub:${id}:no-schedule:after-1.31`,
      `sub:${id}:weekly:2024-W20`,
    ]);

    // Later the same day: no second pass.
    await recordPosting(store, id, 'weekly:2023-W02', new Date('2023-01-09T09:00:00Z'));
    expect(await scheduler.tick(new Date('2024-07-16T23:59:00Z'))).toMatchObject({ pruned: 0 });
    expect(await store.posting(`sub:${id}:weekly:2023-W02`)).not.toBeNull();
    // The next day: pruned.
    expect(await scheduler.tick(new Date('2024-07-17T00:00:00Z'))).toMatchObject({ pruned: 1 });
    expect(await store.posting(`sub:${id}:weekly:2023-W02`)).toBeNull();
  });

  it('a year and a half on, the "no schedule" notice is still not said twice', async () => {
    const store = openStore();
    await store.save(slackChannel('C1'), { ...milestonesAt9, kind: 'weekly' }, created);
    const poster = recordingPoster('slack');
    const scheduler = start(store, [poster]);
    // The first Monday after 1.31's release day: past the newest schedule in the data.
    expect(await scheduler.tick(new Date('2024-08-19T09:00:00Z'))).toMatchObject({ posted: 2 });
    // A Tuesday 500 days later: nothing due, the daily pruning runs and forgets the old weekly digest.
    expect(await scheduler.tick(new Date('2026-01-06T12:00:00Z'))).toMatchObject({ due: 0, pruned: 1 });
    // The next Monday: a digest, but not the notice again.
    expect(await scheduler.tick(new Date('2026-01-12T09:00:00Z'))).toMatchObject({
      due: 2,
      posted: 1,
      alreadyClaimed: 1,
    });
    expect(poster.deliveries.map((d) => d.title)).toEqual([
      'No release schedule for the current cycle',
      'Kubernetes release digest · 2024-W34',
      'Kubernetes release digest · 2026-W03',
    ]);
  });
});
