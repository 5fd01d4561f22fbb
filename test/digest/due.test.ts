import { describe, expect, it } from 'vitest';
import { dueDigests, keySuffixesToKeep } from '../../src/digest/due.ts';
import { cycle131, cycle2026, dataset, event, kep, release, schedule, subscription } from './fixtures.ts';

const at = (iso: string): Date => new Date(iso);
const keys = (list: ReturnType<typeof dueDigests>): string[] => list.map((d) => d.occurrenceKey);

/** Every minute in [from, to), collecting which instants each key was due at (grace 0 = its own minute). */
function sweep(
  subs: Parameters<typeof dueDigests>[0],
  data: Parameters<typeof dueDigests>[1],
  from: string,
  to: string,
): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  for (let t = at(from).getTime(); t < at(to).getTime(); t += 60_000) {
    for (const digest of dueDigests(subs, data, new Date(t), { graceHours: 0 })) {
      seen.set(digest.occurrenceKey, [...(seen.get(digest.occurrenceKey) ?? []), new Date(t).toISOString()]);
    }
  }
  return seen;
}

describe('milestone reminders', () => {
  const data = dataset({ schedules: [cycle131] });
  const sub = subscription({ id: 7, kind: 'milestones' });

  it('reminds 7 days before, 1 day before and on the day at the local time', () => {
    const sevenDays = dueDigests([sub], data, at('2024-07-17T09:00:00Z'), { graceHours: 6 });
    expect(keys(sevenDays)).toEqual(['sub:7:milestone:1.31:code-freeze:2024-07-24:7d']);
    expect(sevenDays[0]!.answer.intent).toBe('digest');
    expect(sevenDays[0]!.answer.title).toBe('Code Freeze in 7 days — Kubernetes 1.31');
    expect(sevenDays[0]!.answer.summary).toContain('Wed 2024-07-24');
    expect(sevenDays[0]!.scheduledAt.toISOString()).toBe('2024-07-17T09:00:00.000Z');

    expect(keys(dueDigests([sub], data, at('2024-07-23T09:00:00Z'), { graceHours: 6 }))).toEqual([
      'sub:7:milestone:1.31:code-freeze:2024-07-24:1d',
      'sub:7:milestone:1.31:docs-freeze:2024-07-30:7d',
    ]);
    const onTheDay = dueDigests([sub], data, at('2024-07-24T09:00:00Z'), { graceHours: 6 });
    expect(keys(onTheDay)).toEqual([
      'sub:7:milestone:1.31:code-freeze:2024-07-24:0d',
      'sub:7:milestone:1.31:test-freeze:2024-07-31:7d',
    ]);
    expect(onTheDay[0]!.answer.summary).toContain('began today');
  });

  it('is not due a minute early', () => {
    expect(dueDigests([sub], data, at('2024-07-17T08:59:59Z'), { graceHours: 6 })).toEqual([]);
  });

  it('ignores rows that are not reminder milestones (alpha, rc, unclassified)', () => {
    const swept = sweep([sub], data, '2024-07-29T00:00:00Z', '2024-08-14T00:00:00Z');
    const all = [...swept.keys()];
    expect(all.some((key) => key.includes(':rc:'))).toBe(false);
    expect(all).toContain('sub:7:milestone:1.31:release:2024-08-13:0d');
  });

  it('each reminder is due in exactly one minute when the grace window is zero', () => {
    const swept = sweep([sub], data, '2024-07-16T00:00:00Z', '2024-07-18T00:00:00Z');
    expect([...swept.entries()]).toEqual([
      ['sub:7:milestone:1.31:code-freeze:2024-07-24:7d', ['2024-07-17T09:00:00.000Z']],
    ]);
  });

  it('uses the local date of an exact deadline: a Los Angeles channel hears about code freeze on its Tuesday', () => {
    const la = subscription({ id: 8, kind: 'milestones', timeZone: 'America/Los_Angeles' });
    const due = dueDigests([la], data, at('2024-07-23T16:00:00Z'), { graceHours: 0 });
    expect(keys(due)).toContain('sub:8:milestone:1.31:code-freeze:2024-07-24:0d');
    expect(due.find((d) => d.occurrenceKey.endsWith('code-freeze:2024-07-24:0d'))!.answer.summary).toContain(
      'Tue 2024-07-23, 19:00 PDT',
    );
  });
});

describe('time zones and daylight saving', () => {
  const data = dataset({ schedules: [cycle2026] });

  it('Europe/Berlin on 2026-03-29 (clocks go forward): 09:00 local is 07:00Z that day, 08:00Z the day before', () => {
    const berlin = subscription({ id: 20, kind: 'milestones', timeZone: 'Europe/Berlin' });
    const swept = sweep([berlin], data, '2026-03-21T00:00:00Z', '2026-03-30T00:00:00Z');
    expect(swept.get('sub:20:milestone:1.36:code-freeze:2026-03-29:7d')).toEqual(['2026-03-22T08:00:00.000Z']);
    expect(swept.get('sub:20:milestone:1.36:code-freeze:2026-03-29:1d')).toEqual(['2026-03-28T08:00:00.000Z']);
    expect(swept.get('sub:20:milestone:1.36:code-freeze:2026-03-29:0d')).toEqual(['2026-03-29T07:00:00.000Z']);
  });

  it('a local time skipped by the change (02:30 Berlin) moves to 03:30 CEST and fires once', () => {
    const berlin = subscription({ id: 21, kind: 'milestones', time: '02:30', timeZone: 'Europe/Berlin' });
    const swept = sweep([berlin], data, '2026-03-28T20:00:00Z', '2026-03-29T06:00:00Z');
    expect([...swept.entries()]).toEqual([
      ['sub:21:milestone:1.36:code-freeze:2026-03-29:0d', ['2026-03-29T01:30:00.000Z']],
    ]);
  });

  it('America/New_York on 2026-11-01 (clocks go back): 09:00 local is 14:00Z that day, 13:00Z the day before', () => {
    const newYork = subscription({ id: 22, kind: 'milestones', timeZone: 'America/New_York' });
    const swept = sweep([newYork], data, '2026-10-31T00:00:00Z', '2026-11-02T00:00:00Z');
    expect(swept.get('sub:22:milestone:1.36:docs-freeze:2026-11-01:1d')).toEqual(['2026-10-31T13:00:00.000Z']);
    expect(swept.get('sub:22:milestone:1.36:docs-freeze:2026-11-01:0d')).toEqual(['2026-11-01T14:00:00.000Z']);
  });

  it('a repeated local time (01:30 New York happens twice) is due once', () => {
    const newYork = subscription({ id: 23, kind: 'milestones', time: '01:30', timeZone: 'America/New_York' });
    const swept = sweep([newYork], data, '2026-11-01T04:00:00Z', '2026-11-01T08:00:00Z');
    expect([...swept.keys()]).toEqual(['sub:23:milestone:1.36:docs-freeze:2026-11-01:0d']);
    expect(swept.get('sub:23:milestone:1.36:docs-freeze:2026-11-01:0d')).toHaveLength(1);
  });

  it('weekly digests follow the local weekday across the change', () => {
    const berlin = subscription({ id: 24, kind: 'weekly', weekday: 7, time: '09:00', timeZone: 'Europe/Berlin' });
    const swept = sweep([berlin], data, '2026-03-21T00:00:00Z', '2026-04-06T00:00:00Z');
    expect(Object.fromEntries(swept)).toEqual({
      'sub:24:weekly:2026-W12': ['2026-03-22T08:00:00.000Z'],
      'sub:24:weekly:2026-W13': ['2026-03-29T07:00:00.000Z'],
      'sub:24:weekly:2026-W14': ['2026-04-05T07:00:00.000Z'],
    });
  });
});

describe('grace window', () => {
  const data = dataset({ schedules: [cycle131] });
  const sub = subscription({ id: 30, kind: 'milestones' });
  const key = 'sub:30:milestone:1.31:code-freeze:2024-07-24:7d';

  it('catches up a missed posting within the grace window', () => {
    expect(keys(dueDigests([sub], data, at('2024-07-17T14:59:00Z'), { graceHours: 6 }))).toEqual([key]);
  });

  it('says until when each due posting may go out: its time plus the grace window', () => {
    const [digest] = dueDigests([sub], data, at('2024-07-17T10:00:00Z'), { graceHours: 6 });
    expect(digest!.graceEndsAt.toISOString()).toBe('2024-07-17T15:00:00.000Z');
    // A zero grace window still leaves the posting its own minute.
    const [tight] = dueDigests([sub], data, at('2024-07-17T09:00:00Z'), { graceHours: 0 });
    expect(tight!.graceEndsAt.toISOString()).toBe('2024-07-17T09:01:00.000Z');
  });

  it('skips it once the window has passed', () => {
    expect(dueDigests([sub], data, at('2024-07-17T15:00:00Z'), { graceHours: 6 })).toEqual([]);
    expect(dueDigests([sub], data, at('2024-07-17T09:05:00Z'), { graceHours: 0 })).toEqual([]);
  });

  it('after long downtime sends only the newest reminder of a milestone, not a flood', () => {
    const due = dueDigests([sub], data, at('2024-07-24T10:00:00Z'), { graceHours: 48 });
    expect(keys(due).filter((k) => k.includes('code-freeze'))).toEqual([
      'sub:30:milestone:1.31:code-freeze:2024-07-24:0d',
    ]);
  });

  it('never back-fills postings scheduled before the subscription existed', () => {
    const late = subscription({ id: 31, kind: 'milestones', createdAt: at('2024-07-17T09:30:00Z') });
    expect(dueDigests([late], data, at('2024-07-17T10:00:00Z'), { graceHours: 6 })).toEqual([]);
  });

  it('paused subscriptions get nothing', () => {
    const paused = subscription({
      id: 32,
      kind: 'milestones',
      pausedAt: at('2024-07-01T00:00:00Z'),
      pausedReason: 'channel_not_found',
    });
    expect(dueDigests([paused], data, at('2024-07-17T09:00:00Z'), { graceHours: 6 })).toEqual([]);
  });
});

describe('kinds', () => {
  const data = dataset({ schedules: [cycle131] });

  it('weekly-only subscribers get no reminders and milestone-only subscribers no digest', () => {
    const weekly = subscription({ id: 40, kind: 'weekly', weekday: 3 });
    const milestones = subscription({ id: 41, kind: 'milestones', weekday: 3 });
    const both = subscription({ id: 42, kind: 'both', weekday: 3 });
    const due = dueDigests([weekly, milestones, both], data, at('2024-07-17T09:00:00Z'), { graceHours: 6 });
    expect(due.map((d) => `${d.subscription.id} ${d.type}`)).toEqual([
      '40 weekly',
      '41 milestone',
      '42 milestone',
      '42 weekly',
    ]);
    expect(due.find((d) => d.type === 'weekly')!.occurrenceKey).toBe('sub:40:weekly:2024-W29');
  });
});

describe('end-of-life warnings', () => {
  it('warns 30 days before a supported minor reaches end of life', () => {
    const data = dataset({
      releases: [
        release('1.29', { gaDate: '2023-12-13', eolDate: '2025-02-28' }),
        release('1.32', { gaDate: '2024-12-11', eolDate: '2026-02-28' }),
      ],
    });
    const sub = subscription({ id: 50, kind: 'milestones' });
    const due = dueDigests([sub], data, at('2025-01-29T09:00:00Z'), { graceHours: 6 });
    expect(keys(due)).toEqual(['sub:50:eol:1.29:2025-02-28:30d']);
    expect(due[0]!.answer.title).toBe('Kubernetes 1.29 reaches end of life in 30 days');
    expect(due[0]!.answer.sections[0]!.facts.map((f) => f.label)).toEqual(['1.32']);
  });
});

describe('when the data has no schedule for the current cycle', () => {
  const data = dataset({
    schedules: [cycle131],
    releases: [
      release('1.31', {
        gaDate: '2024-08-13',
        eolDate: '2025-10-28',
        patches: [{ version: '1.31.4', date: '2024-12-10' }],
      }),
    ],
  });
  const sub = subscription({ id: 60, kind: 'both' });

  it('says so with one occurrence key that does not change from week to week', () => {
    const first = dueDigests([sub], data, at('2025-01-06T09:00:00Z'), { graceHours: 6 });
    const second = dueDigests([sub], data, at('2025-01-13T09:00:00Z'), { graceHours: 6 });
    expect(keys(first)).toEqual(['sub:60:no-schedule:after-1.31', 'sub:60:weekly:2025-W02']);
    expect(keys(second)).toEqual(['sub:60:no-schedule:after-1.31', 'sub:60:weekly:2025-W03']);
    expect(first[0]!.answer.summary).toContain('no release schedule for the current Kubernetes cycle');
    expect(first[0]!.answer.summary).toContain('1.31');
  });

  it('a channel with release alerts only gets neither the notice nor any scheduled posting', () => {
    const alertsOnly = subscription({
      id: 62,
      kind: null,
      releases: { events: ['minor', 'patch', 'schedule', 'eol'], versions: [] },
    });
    expect(keys(dueDigests([alertsOnly, sub], data, at('2025-01-06T09:00:00Z'), { graceHours: 6 }))).toEqual([
      'sub:60:no-schedule:after-1.31',
      'sub:60:weekly:2025-W02',
    ]);
  });

  it('the weekly digest still reports releases and patches but not a cycle', () => {
    const weekly = dueDigests([sub], data, at('2025-01-06T09:00:00Z'), { graceHours: 6 }).find(
      (d) => d.type === 'weekly',
    )!;
    expect(weekly.answer.summary).toContain('no release schedule for the current cycle');
    expect(weekly.answer.sections.map((s) => s.heading)).toEqual(['Latest releases']);
    expect(weekly.answer.sections[0]!.facts[0]).toMatchObject({ label: '1.31', raw: '1.31.4' });
  });

  it('pruning keeps exactly the key of the notice the data would give now, for every subscription', () => {
    const [notice] = dueDigests([sub], data, at('2025-01-06T09:00:00Z'), { graceHours: 6 });
    const kept = keySuffixesToKeep(data);
    expect(kept.filter((suffix) => notice!.occurrenceKey.endsWith(suffix))).toHaveLength(1);
    expect(kept.some((suffix) => 'sub:61:no-schedule:after-1.31'.endsWith(suffix))).toBe(true);
    expect(kept.some((suffix) => 'sub:60:no-schedule:after-1.30'.endsWith(suffix))).toBe(false);
    // With a newer schedule imported, the 1.31 notice can never be due again.
    const withNext = dataset({
      schedules: [cycle131, schedule('1.32', [event('cycle-start', '2024-09-09'), event('release', '2024-12-11')])],
    });
    expect(keySuffixesToKeep(withNext)).toEqual([':no-schedule:after-1.32']);
    expect(keySuffixesToKeep(dataset())).toEqual([':no-schedule:after-none']);
  });

  it('between a release and a known next cycle there is no notice', () => {
    const withNext = dataset({
      schedules: [cycle131, schedule('1.32', [event('cycle-start', '2024-09-09'), event('release', '2024-12-11')])],
    });
    const due = dueDigests([sub], withNext, at('2024-08-26T09:00:00Z'), { graceHours: 6 });
    expect(keys(due)).toEqual(['sub:60:weekly:2024-W35']);
    expect(due[0]!.answer.summary).toContain('1.32 cycle starts in 14 days');
  });
});

describe('weekly digest content', () => {
  it('lists freezes, release candidates and release day as next milestones, but not alpha/beta builds or the thaw', () => {
    const cycle = schedule('1.31', [
      ...cycle131.events,
      event('alpha', '2024-07-18', { build: '1.31.0-alpha.3' }),
      event('beta', '2024-07-19', { build: '1.31.0-beta.0' }),
      event('thaw', '2024-08-14'),
    ]);
    const sub = subscription({ id: 71, kind: 'weekly', weekday: 3 });
    const [digest] = dueDigests([sub], dataset({ schedules: [cycle] }), at('2024-07-17T09:00:00Z'), { graceHours: 6 });
    const milestones = digest!.answer.sections.find((s) => s.heading === 'Next milestones')!;
    expect(milestones.facts.map((f) => f.label)).toEqual([
      'Code Freeze · 1.31',
      'Docs Freeze · 1.31',
      'Test Freeze · 1.31',
      'Release candidate 1.31.0-rc.1 · 1.31',
      'Release day (v1.31.0) · 1.31',
    ]);
  });

  it('shows week N of M, next milestones, tracked enhancements by stage, patches and EOLs', () => {
    const data = dataset({
      schedules: [cycle131],
      keps: [
        kep(1, {
          stage: 'stable',
          milestones: { alpha: '1.29', beta: '1.30', stable: '1.31' },
          latestMilestone: '1.31',
        }),
        kep(2, { stage: 'beta', milestones: { alpha: '1.30', beta: '1.31' }, latestMilestone: '1.31' }),
        kep(3, { stage: 'alpha', milestones: { alpha: '1.31' }, latestMilestone: '1.31' }),
        kep(4, { stage: 'alpha', milestones: { alpha: '1.31' }, latestMilestone: '1.31', status: 'withdrawn' }),
        kep(5, { stage: 'beta', milestones: { alpha: '1.28', beta: '1.29' }, latestMilestone: '1.29' }),
      ],
      releases: [
        release('1.30', {
          gaDate: '2024-04-17',
          eolDate: '2025-06-28',
          patches: [
            { version: '1.30.2', date: '2024-06-11' },
            { version: '1.30.3', date: '2024-07-16' },
          ],
        }),
        release('1.27', { gaDate: '2023-04-11', eolDate: '2024-06-28' }),
        release('1.28', {
          gaDate: '2023-08-15',
          eolDate: '2024-10-28',
          patches: [{ version: '1.28.12', date: '2024-07-16' }],
        }),
      ],
    });
    const sub = subscription({ id: 70, kind: 'weekly', weekday: 3 });
    const [digest] = dueDigests([sub], data, at('2024-07-17T09:00:00Z'), { graceHours: 6 });
    const answer = digest!.answer;
    expect(answer.title).toBe('Kubernetes release digest · 2024-W29');
    expect(answer.summary).toBe(
      'Kubernetes 1.31 is in week 10 of 14; next: Code Freeze Wed 2024-07-24, 02:00 UTC (in 7 days).',
    );
    expect(answer.facts.find((f) => f.label === 'Progress')!.value).toMatch(/^█{10}░{4} week 10 of 14$/);
    const milestones = answer.sections.find((s) => s.heading === 'Next milestones')!;
    expect(milestones.facts.map((f) => f.label)).toEqual([
      'Code Freeze · 1.31',
      'Docs Freeze · 1.31',
      'Test Freeze · 1.31',
      'Release candidate 1.31.0-rc.1 · 1.31',
      'Release day (v1.31.0) · 1.31',
    ]);
    const keps = answer.sections.find((s) => s.heading.startsWith('Enhancements tracked for 1.31'))!;
    expect(keps.heading).toBe('Enhancements tracked for 1.31 (3)');
    expect(keps.facts.map((f) => `${f.label} ${f.value}`)).toEqual(['stable 1', 'beta 1', 'alpha 1']);
    expect(keps.items.map((i) => [i.kep, i.stage])).toEqual([
      [1, 'stable'],
      [2, 'beta'],
      [3, 'alpha'],
    ]);
    const latest = answer.sections.find((s) => s.heading === 'Latest releases')!;
    expect(latest.facts.map((f) => `${f.label} ${f.value}`)).toEqual([
      '1.30 1.30.3 (Tue 2024-07-16) · new this week',
      '1.28 1.28.12 (Tue 2024-07-16) · new this week',
    ]);
    const eols = answer.sections.find((s) => s.heading === 'Upcoming end of life')!;
    expect(eols.facts.map((f) => `${f.label} ${f.value}`)).toEqual(['1.28 Mon 2024-10-28 (in 103 days)']);
  });
});
