// End of life by period on the real bundled dataset: "which versions went EOL in 2024" lists the releases whose end of
// life falls in it, and says which of them are only planned as of the answer's moment.
import { describe, expect, it } from 'vitest';
import { bundledEngine } from '../support/bundled-engine.ts';

const engine = bundledEngine();

describe('support: end of life in a month or a year', () => {
  it('lists the releases that reached end of life in a year', () => {
    const answer = engine().answer('which versions went EOL in 2024', new Date('2026-06-01T12:00:00Z'));
    expect(answer.intent).toBe('support');
    expect(answer.summary).toBe(
      '3 Kubernetes minor releases reached end of life in 2024: 1.26 (2024-02-28), 1.27 (2024-07-16), 1.28 (2024-10-22).',
    );
  });

  it('marks an end of life still ahead of the moment asked as planned', () => {
    const answer = engine().answer('what goes out of support in Feb 2027', new Date('2026-06-01T12:00:00Z'));
    expect(answer.summary).toBe(
      'One Kubernetes minor release reaches end of life in Feb 2027: 1.35 (2027-02-28, planned).',
    );
    expect(engine().answer('which versions went EOL in 2024', new Date('2024-05-01T12:00:00Z')).summary).toContain(
      '1.26 (2024-02-28), 1.27 (2024-07-16, planned)',
    );
  });

  it('says so when nothing ends then', () => {
    const answer = engine().answer('what goes out of support in Jan 2027', new Date('2026-06-01T12:00:00Z'));
    expect(answer.summary).toMatch(/^No Kubernetes minor release reaches end of life in Jan 2027/);
    expect(answer.verdict).toBe('no');
  });
});
