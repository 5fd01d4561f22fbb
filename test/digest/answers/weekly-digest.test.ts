// The weekly digest's release facts on the real bundled dataset: the domain's one meaning of "shipped",
// "supported" and "latest patch" (src/domain/release.ts), the same the engine's support answers use.
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../../src/data/load.ts';
import { weeklyDigestAnswer } from '../../../src/digest/answers/weekly-digest.ts';

const dataset = loadDataset();
const releaseOf = (version: string) => dataset.releases.find((release) => release.version === version)!;

function latestReleases(today: string) {
  const answer = weeklyDigestAnswer({ today, zone: 'UTC', week: 'W', dataset });
  return answer.sections.find((section) => section.heading === 'Latest releases')?.facts ?? [];
}

describe('weekly digest: latest releases', () => {
  it.each([
    ['2026-08-22', ['1.36', '1.35', '1.34']],
    // Past 1.37's planned date, which the data cannot confirm: 1.37 is not listed, nor 1.0/1.1 (no EOL date).
    ['2026-12-01', ['1.36', '1.35']],
    ['2024-07-15', ['1.30', '1.29', '1.28', '1.27']],
    ['2016-03-01', ['1.1', '1.0']],
  ])('on %s lists %j', (today, versions) => {
    expect(latestReleases(today).map((fact) => fact.label)).toEqual(versions);
  });

  it.each(['2026-08-22', '2026-12-01', '2025-01-10', '2023-04-01'])(
    'on %s shows only patches the data has, published by then',
    (today) => {
      for (const fact of latestReleases(today)) {
        const patch = releaseOf(fact.label).patches.find((entry) => entry.version === fact.raw);
        expect(patch, `${fact.label} → ${String(fact.raw)}`).toBeDefined();
        expect(patch!.date <= today).toBe(true);
      }
    },
  );

  it('never invents a 1.37.0 patch', () => {
    const text = JSON.stringify(weeklyDigestAnswer({ today: '2026-12-01', zone: 'UTC', week: 'W', dataset }));
    expect(text).not.toContain('1.37.0');
  });
});
