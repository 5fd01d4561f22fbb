// "Where are we in the cycle" on the real bundled dataset: chat's cycle-status answer and the weekly
// digest say the same thing (one computation, src/digest/cycle.ts + cycleReport), and the schedule
// answer counts the cycle's weeks the same way (1.37: 15 weeks, as sig-release numbers release day).
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../../src/data/load.ts';
import type { Dataset } from '../../../src/domain/dataset.ts';
import { weeklyDigestAnswer } from '../../../src/digest/answers/weekly-digest.ts';
import { createEngine, type Engine } from '../../../src/engine/index.ts';

let dataset: Dataset;
let engine: Engine;
beforeAll(() => {
  dataset = loadDataset();
  engine = createEngine(dataset);
});

const at = (day: string) => new Date(`${day}T09:00:00Z`);

describe('cycle-status', () => {
  it.each([
    ['what week of the 1.37 cycle is it', '2026-06-01', 'Kubernetes 1.37 is in week 3 of 15'],
    ['what week of the release cycle are we in', '2026-07-22', 'Kubernetes 1.37 is in week 10 of 15'],
    ['where are we in the release cycle', '2024-07-15', 'Kubernetes 1.31 is in week 10 of 14'],
    [
      'days until code freeze',
      '2026-06-01',
      'Code Freeze for Kubernetes 1.37 is in 52 days: Thu 2026-07-23, 12:00 UTC.',
    ],
    [
      'how many days until 1.37',
      '2026-08-22',
      'Release day (v1.37.0) for Kubernetes 1.37 is in 4 days: Wed 2026-08-26.',
    ],
    ['how many days until test freeze', '2026-06-01', 'Test Freeze for Kubernetes 1.37 is in 52 days'],
    ['what week of the cycle is it', '2026-11-21', 'The data has no release schedule for the current cycle'],
  ])('%s (on %s) → %s', (question, day, expected) => {
    const answer = engine.answer(question, at(day));
    expect(answer.intent).toBe('cycle-status');
    expect(answer.summary).toContain(expected);
  });

  it.each(['2024-07-15', '2026-06-01', '2026-07-22', '2026-08-22', '2025-02-03'])(
    'on %s chat and the weekly digest give the same cycle line',
    (day) => {
      const chat = engine.answer('what week of the release cycle is it', at(day));
      const digest = weeklyDigestAnswer({ today: day, zone: 'UTC', week: 'W', dataset });
      expect(chat.summary).toBe(digest.summary);
      expect(chat.facts).toEqual(digest.facts);
    },
  );

  it('the schedule answer counts the 1.37 cycle in the same weeks (15, not 14)', () => {
    const schedule = engine.answer('1.37 schedule', at('2026-06-01'));
    expect(schedule.summary).toContain('2026-05-18 to 2026-08-26 (15 weeks)');
  });
});
