import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelRef } from '../../src/domain/channel.ts';
import type { Answer } from '../../src/domain/answer.ts';
import { releaseAlertsDue } from '../../src/digest/release-alerts.ts';
import { releaseChanges } from '../../src/digest/release-events.ts';
import { startDigestScheduler } from '../../src/digest/scheduler.ts';
import { silentLogger } from '../../src/log.ts';
import type { Store } from '../../src/storage/store.ts';
import { openSqliteStore } from '../../src/storage/subscription-store.ts';
import { cycle131, dataset, event, release, schedule } from './fixtures.ts';

const before = dataset({
  schedules: [cycle131],
  releases: [
    release('1.34', {
      gaDate: '2025-08-27',
      eolDate: '2026-10-27',
      patches: [{ version: '1.34.11', date: '2026-08-20' }],
    }),
    release('1.35', {
      gaDate: '2025-12-17',
      eolDate: '2027-02-28',
      patches: [{ version: '1.35.8', date: '2026-08-20' }],
    }),
    release('1.36', { gaDate: '2026-04-22', gaDateKind: 'planned' }),
  ],
});
const after = dataset({
  schedules: [
    cycle131,
    schedule('1.38', [
      event('code-freeze', '2027-02-10', { at: '2027-02-11T02:00:00Z' }),
      event('alpha', '2027-01-20', { build: '1.38.0-alpha.1' }),
      event('release', '2027-04-21'),
    ]),
  ],
  releases: [
    release('1.34', {
      gaDate: '2025-08-27',
      eolDate: '2026-10-27',
      patches: [
        { version: '1.34.12', date: '2026-09-10' },
        { version: '1.34.11', date: '2026-08-20' },
      ],
    }),
    release('1.35', {
      gaDate: '2025-12-17',
      eolDate: '2027-03-14',
      patches: [
        { version: '1.35.9', date: '2026-09-10' },
        { version: '1.35.8', date: '2026-08-20' },
      ],
    }),
    release('1.36', { gaDate: '2026-04-22', gaDateKind: 'confirmed' }),
  ],
});

describe('releaseChanges', () => {
  it('finds new minors, patches, schedules, moved end-of-life dates and pre-release builds, keyed by the change', () => {
    expect(releaseChanges(before, after).map((change) => change.key)).toEqual([
      'minor:1.36',
      'patch:1.34.12',
      'patch:1.35.9',
      'schedule:1.38',
      'eol:1.35:2027-03-14',
      'pre-release:1.38.0-alpha.1',
    ]);
  });

  it('finds nothing between a dataset and itself', () => {
    expect(releaseChanges(after, after)).toEqual([]);
  });
});

const channel = (id: string): ChannelRef => ({ platform: 'console', workspace: 'local', channel: id });

describe('release alerts', () => {
  let dir: string;
  let stores: Store[];
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'k8s-release-alerts-'));
    stores = [openSqliteStore(dir), openSqliteStore(dir)];
  });
  afterEach(async () => {
    for (const store of stores) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const subscribedAt = new Date('2026-09-01T00:00:00Z');
  const detectedAt = new Date('2026-09-10T18:00:00Z');

  it('each subscriber gets what its filter asks for; pre-releases only when asked', async () => {
    const [store] = stores;
    const all = await store!.save(
      channel('all'),
      {
        kind: null,
        releases: { events: ['minor', 'patch', 'schedule', 'eol'], versions: [] },
        time: '09:00',
        timeZone: 'Europe/Berlin',
        weekday: 1,
      },
      subscribedAt,
    );
    const only134 = await store!.save(
      channel('134'),
      {
        kind: 'weekly',
        releases: { events: ['patch'], versions: ['1.34'] },
        time: '09:00',
        timeZone: 'UTC',
        weekday: 1,
      },
      subscribedAt,
    );
    const pre = await store!.save(
      channel('pre'),
      { kind: null, releases: { events: ['pre-release'], versions: [] }, time: '09:00', timeZone: 'UTC', weekday: 1 },
      subscribedAt,
    );
    const none = await store!.save(
      channel('none'),
      { kind: 'both', time: '09:00', timeZone: 'UTC', weekday: 1 },
      subscribedAt,
    );
    const late = await store!.save(
      channel('late'),
      { kind: null, releases: { events: ['patch'], versions: [] }, time: '09:00', timeZone: 'UTC', weekday: 1 },
      new Date('2026-09-11T00:00:00Z'),
    );
    const due = releaseAlertsDue(await store!.listActive(), releaseChanges(before, after), {
      detectedAt,
      graceHours: 6,
      dataset: after,
    });
    const keysOf = (id: number) =>
      due.filter((d) => d.subscription.id === id).map((d) => d.occurrenceKey.split(':').slice(3).join(':'));
    expect(keysOf(all.id)).toEqual([
      'minor:1.36',
      'patch:1.34.12',
      'patch:1.35.9',
      'schedule:1.38',
      'eol:1.35:2027-03-14',
    ]);
    expect(keysOf(only134.id)).toEqual(['patch:1.34.12']);
    expect(keysOf(pre.id)).toEqual(['pre-release:1.38.0-alpha.1']);
    expect(keysOf(none.id)).toEqual([]);
    expect(keysOf(late.id)).toEqual([]);
    // "When" in the channel's own zone: code freeze 02:00 UTC is 03:00 CET in Berlin.
    const scheduleAlert = due.find(
      (d) => d.subscription.id === all.id && d.occurrenceKey.endsWith('schedule:1.38'),
    )!.answer;
    expect(scheduleAlert.title).toBe('The Kubernetes 1.38 release schedule is published');
    expect(scheduleAlert.facts.find((f) => f.label.startsWith('Code Freeze'))!.value).toBe(
      'Thu 2027-02-11, 03:00 CET (in 154 days)',
    );
  });

  it('two replicas announcing the same change post it once; a transient failure is retried on the next tick', async () => {
    const posted: Array<{ channel: string; title: string }> = [];
    let failNext = true;
    const poster = {
      platform: 'console' as const,
      async post(target: ChannelRef, answer: Answer) {
        if (failNext) {
          failNext = false;
          throw new Error('network down');
        }
        posted.push({ channel: target.channel, title: answer.title });
      },
    };
    await stores[0]!.save(
      channel('C1'),
      { kind: null, releases: { events: ['patch'], versions: ['1.35'] }, time: '09:00', timeZone: 'UTC', weekday: 1 },
      subscribedAt,
    );
    const schedulers = stores.map((store) =>
      startDigestScheduler({
        store,
        dataset: after,
        posters: [poster],
        logger: silentLogger,
        graceHours: 6,
        cronExpression: false,
      }),
    );
    const changes = releaseChanges(before, after);
    const announce = async (index: number, now: Date) =>
      schedulers[index]!.announce(
        releaseAlertsDue(await stores[index]!.listActive(), changes, { detectedAt, graceHours: 6, dataset: after }),
        now,
      );
    const first = await announce(0, detectedAt);
    expect(first).toMatchObject({ due: 1, posted: 0, failed: 1 });
    expect((await announce(1, detectedAt)).alreadyClaimed).toBe(1);
    // Retried after the backoff (1 minute) by the replica whose tick comes first; the other finds it claimed.
    const retry = new Date(detectedAt.getTime() + 61_000);
    expect((await schedulers[1]!.tick(retry)).posted).toBe(1);
    expect((await schedulers[0]!.tick(retry)).posted).toBe(0);
    expect(posted).toEqual([{ channel: 'C1', title: 'Kubernetes 1.35.9 is released' }]);
    await Promise.all(schedulers.map((scheduler) => scheduler.stop()));
  });
});
