// The schedule answer's release day on the real bundled dataset: a countdown counts down to the release under
// way; a question about the release that happened answers with the latest one.
import { describe, expect, it } from 'vitest';
import { bundledEngine } from '../support/bundled-engine.ts';

const engine = bundledEngine();

const JUNE_2026 = new Date('2026-06-01T12:00:00Z');

describe('schedule: the release day', () => {
  it.each([
    ['time till release', 'Kubernetes 1.37 is due in 86 days: 2026-08-26'],
    ['how long till release', 'Kubernetes 1.37 is due in 86 days: 2026-08-26'],
    ['when was the release', 'Kubernetes 1.36 was released on 2026-04-22'],
  ])('%j on 2026-06-01, between the 1.36 release and the 1.37 one', (question, summary) => {
    const answer = engine().answer(question, JUNE_2026);
    expect(answer.intent).toBe('schedule');
    expect(answer.summary).toContain(summary);
  });

  it('a countdown with no cycle under way counts to nothing that already happened', () => {
    // 2026-09-01: 1.37 is out and the data plans no 1.38 cycle yet.
    const answer = engine().answer('time till release', new Date('2026-09-01T12:00:00Z'));
    expect(answer.summary).not.toMatch(/is due in/);
    expect(answer.summary).toContain('1.37');
  });
});

describe('schedule: the cycle', () => {
  it.each([
    ['how long was the 1.31 cycle', 'The Kubernetes 1.31 release cycle ran from 2024-05-13 to 2024-08-13 (14 weeks).'],
    [
      'how many weeks is the 1.37 cycle',
      'The Kubernetes 1.37 release cycle runs from 2026-05-18 to 2026-08-26 (15 weeks).',
    ],
  ])('%j is the cycle span, not the release day', (question, lead) => {
    const answer = engine().answer(question, JUNE_2026);
    expect(answer.intent).toBe('schedule');
    expect(answer.summary.startsWith(lead)).toBe(true);
  });
});
