// "1.34 is the latest release", "is 1.36 the latest version?": the release summary says first whether the claim
// holds at the answer's moment, on the real bundled dataset.
import { describe, expect, it } from 'vitest';
import { bundledEngine } from '../support/bundled-engine.ts';

const engine = bundledEngine();

const JUNE_2026 = new Date('2026-06-01T12:00:00Z');

describe('release-summary: a claim that a release is the latest', () => {
  it.each([
    ['1.34 is the latest release', 'no', 'No — the latest release as of 2026-06-01 is 1.36 (released 2026-04-22).'],
    ['latest is 1.34', 'no', 'No — the latest release as of 2026-06-01 is 1.36 (released 2026-04-22).'],
    ['is 1.36 the latest version?', 'yes', 'Yes — 1.36 is the latest release as of 2026-06-01.'],
    ['is 1.37 the newest release', 'no', 'No — the latest release as of 2026-06-01 is 1.36 (released 2026-04-22).'],
  ])('%j', (question, verdict, lead) => {
    const answer = engine().answer(question, JUNE_2026);
    expect(answer.intent).toBe('release-summary');
    expect(answer.verdict).toBe(verdict);
    expect(answer.summary.startsWith(lead)).toBe(true);
  });

  it('holds at any moment: on 2025-09-01, 1.34 was the latest', () => {
    const answer = engine().answer('1.34 is the latest release', new Date('2025-09-01T12:00:00Z'));
    expect(answer.summary.startsWith('Yes — 1.34 is the latest release as of 2025-09-01.')).toBe(true);
  });

  it('a plain release question makes no claim', () => {
    expect(engine().answer('1.34', JUNE_2026).summary).not.toMatch(/^(Yes|No) — /);
  });
});
