import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/load.ts';
import { Answer } from '../../src/domain/answer.ts';
import { dueDigests } from '../../src/digest/due.ts';
import { subscription } from './fixtures.ts';

const data = loadDataset();
const at = (iso: string): Date => new Date(iso);

describe('digests from the bundled dataset', () => {
  it('at 2024-07-17T09:00Z the 1.31 milestone reminder is Code Freeze on 2024-07-24, in 7 days', () => {
    const sub = subscription({ id: 1, kind: 'milestones' });
    const due = dueDigests([sub], data, at('2024-07-17T09:00:00Z'), { graceHours: 6, release: '1.31' });
    expect(due.map((d) => d.occurrenceKey)).toEqual(['sub:1:milestone:1.31:code-freeze:2024-07-24:7d']);
    const answer = Answer.parse(due[0]!.answer);
    expect(answer.title).toBe('Code Freeze in 7 days — Kubernetes 1.31');
    expect(answer.summary).toBe('Kubernetes 1.31 Code Freeze is in 7 days: Wed 2024-07-24, 02:00 UTC.');
    expect(answer.facts.find((f) => f.label === 'Cycle')!.value).toBe('week 10 of 14');
    expect(answer.links[0]!.url).toContain('release-1.31');
  });

  it('the weekly digest for 2024-07-15 shows 1.31 at week 10 of 14 and the enhancements tracked for it by stage', () => {
    const sub = subscription({ id: 2, kind: 'weekly' });
    const [digest] = dueDigests([sub], data, at('2024-07-15T09:00:00Z'), { graceHours: 6 });
    const answer = Answer.parse(digest!.answer);
    expect(digest!.occurrenceKey).toBe('sub:2:weekly:2024-W29');
    expect(answer.summary).toMatch(
      /^Kubernetes 1\.31 is in week 10 of 14; next: Code Freeze Wed 2024-07-24, 02:00 UTC \(in 9 days\)\.$/,
    );
    const tracked = answer.sections.find((s) => s.heading.startsWith('Enhancements tracked for 1.31'))!;
    const total = Number(/\((\d+)\)/.exec(tracked.heading)![1]);
    expect(total).toBeGreaterThan(10);
    expect(tracked.facts.map((f) => f.label)).toEqual(expect.arrayContaining(['stable', 'beta', 'alpha']));
    expect(tracked.items.length + tracked.omitted).toBe(total);
    const latest = answer.sections.find((s) => s.heading === 'Latest releases')!;
    expect(latest.facts.map((f) => f.label)).toEqual(['1.30', '1.29', '1.28', '1.27']);
  });

  it('warns 30 days before a supported release reaches end of life', () => {
    const eol = data.releases.find((r) => r.version === '1.33')!.eolDate!;
    const sub = subscription({ id: 3, kind: 'milestones' });
    const warningDay = new Date(Date.parse(`${eol}T09:00:00Z`) - 30 * 86_400_000);
    const due = dueDigests([sub], data, warningDay, { graceHours: 6 });
    expect(due.map((d) => d.occurrenceKey)).toContain(`sub:3:eol:1.33:${eol}:30d`);
  });

  it('after the newest cycle in the data, says once that there is no schedule', () => {
    const newest = data.schedules.at(-1)!;
    const releaseDay = newest.events.find((e) => e.kinds.includes('release'))!.date;
    const sub = subscription({ id: 4, kind: 'milestones' });
    // A Monday two weeks after the newest release day.
    let monday = new Date(Date.parse(`${releaseDay}T09:00:00Z`) + 14 * 86_400_000);
    while (monday.getUTCDay() !== 1) monday = new Date(monday.getTime() + 86_400_000);
    const due = dueDigests([sub], data, monday, { graceHours: 6 });
    expect(due.map((d) => d.occurrenceKey)).toEqual([`sub:4:no-schedule:after-${newest.version}`]);
  });

  it('over a whole year in Europe/Berlin, every posting is due in exactly one hourly tick', () => {
    const sub = subscription({ id: 5, kind: 'both', timeZone: 'Europe/Berlin', time: '09:00', weekday: 1 });
    const seen = new Map<string, number>();
    for (let t = Date.parse('2025-01-01T00:00:00Z'); t < Date.parse('2026-01-01T00:00:00Z'); t += 3_600_000) {
      for (const digest of dueDigests([sub], data, new Date(t), { graceHours: 1 })) {
        seen.set(digest.occurrenceKey, (seen.get(digest.occurrenceKey) ?? 0) + 1);
      }
    }
    expect([...seen.values()].every((count) => count === 1)).toBe(true);
    const weekly = [...seen.keys()].filter((key) => key.includes(':weekly:'));
    expect(weekly).toHaveLength(52);
    const codeFreezes = [...seen.keys()].filter((key) => key.includes(':code-freeze:'));
    // 1.33, 1.34 and 1.35 each have a code freeze in 2025: 7 days before, the day before and on the day.
    expect(codeFreezes.map((key) => key.split(':').slice(3).join(':'))).toEqual(
      expect.arrayContaining([
        '1.33:code-freeze:2025-03-21:7d',
        '1.34:code-freeze:2025-07-25:0d',
        '1.35:code-freeze:2025-11-06:1d',
      ]),
    );
    expect(codeFreezes).toHaveLength(9);
  });
});
