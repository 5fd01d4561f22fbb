// End-of-life dates merged from the real release sources: the superseded website files kept in
// shared-mini (eol.yaml of mid 2024 lists 1.18 twice; schedule.yaml of October 2024 has 1.30/1.31's
// planned dates) and the refreshed eol.yaml (March 2026) and schedule.yaml (May 2026) in test/fixtures/website-2026.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Release } from '../../src/domain/release.ts';
import { buildReleases } from '../../src/import/releases.ts';
import { readFrontMatter, readJsonText, readYaml } from '../../src/import/yaml.ts';

const MINI = 'test/fixtures/shared-mini/upstream/';
const read = (path: string) => readFileSync(path, 'utf8');

function build(website: string): Map<string, Release> {
  const releases = buildReleases({
    patchData: {
      file: 'kubernetes.json',
      data: readJsonText(read(`${MINI}endoflife-date-release-data/releases/kubernetes.json`), 'kubernetes.json'),
    },
    endOfLifeDate: {
      file: 'kubernetes.md',
      data: readFrontMatter(read(`${MINI}endoflife.date/products/kubernetes.md`), 'kubernetes.md'),
    },
    websiteEol: { file: 'eol.yaml', data: readYaml(read(`${website}/eol.yaml`), 'eol.yaml') },
    websiteSchedule: { file: 'schedule.yaml', data: readYaml(read(`${website}/schedule.yaml`), 'schedule.yaml') },
    websiteLegacy: null,
    curated: [],
    schedules: [],
  });
  return new Map(releases.map((release) => [release.version, release]));
}

const superseded = build(`${MINI}kubernetes-website/data/releases`);
const refreshed = build('test/fixtures/website-2026');

describe('end-of-life dates', () => {
  it('the latest eol.yaml entry of a release wins: 1.18 ends 2021-06-18 (1.18.20), not 2021-05-12 (1.18.19)', () => {
    expect(superseded.get('1.18')).toMatchObject({ eolDate: '2021-06-18', eolDateKind: 'actual' });
    expect(superseded.get('1.22')?.eolDate).toBe('2022-12-08');
  });

  it.each([
    ['1.30', '2025-07-15', '2025-06-28'],
    ['1.31', '2025-11-11', '2025-10-28'],
  ])('an actual date beats a planned one: %s ends %s, not the planned %s', (version, actual, planned) => {
    const release = superseded.get(version)!;
    expect(release).toMatchObject({ eolDate: actual, eolDateKind: 'actual' });
    // The planned date stays in the data beside the actual one.
    expect(release.eolDateSources).toContainEqual(expect.objectContaining({ date: planned, kind: 'planned' }));
  });

  it('a release still supported keeps its planned date (1.36 from schedule.yaml and endoflife.date)', () => {
    expect(refreshed.get('1.36')).toMatchObject({ eolDate: '2027-06-28', eolDateKind: 'planned' });
  });

  it('the end of life never precedes a last patch its source did not name (every release)', () => {
    const early = [...refreshed.values()].filter(
      (release) => release.eolDate && release.latestPatch && release.eolDate < release.latestPatch.date,
    );
    expect(early.map((release) => release.version)).toEqual(['1.24', '1.25', '1.26', '1.27']);
    for (const release of early) {
      const chosen = release.eolDateSources.find((source) => source.date === release.eolDate)!;
      expect(chosen.finalPatch, release.version).toBe(release.latestPatch!.version);
    }
  });

  it('1.29: eol.yaml names 1.29.14 as final, but 1.29.15 shipped 2025-03-11; both dates are kept', () => {
    const release = refreshed.get('1.29')!;
    expect(release.eolDate).toBe('2025-03-11');
    expect(release.eolDateSources.map((source) => source.date)).toEqual(['2025-02-28', '2025-02-28', '2025-03-11']);
  });

  it('1.26: eol.yaml names 1.26.15 as the final patch "released … after the EOL date": its date stands, with the note', () => {
    const release = refreshed.get('1.26')!;
    expect(release.eolDate).toBe('2024-02-28');
    expect(release.eolDateSources[0]).toMatchObject({
      finalPatch: '1.26.15',
      note: expect.stringContaining('after the EOL date'),
    });
  });

  it('1.28: kubernetes.io (2024-10-22) and endoflife.date (2024-10-28) disagree; kubernetes.io wins, both kept', () => {
    const release = refreshed.get('1.28')!;
    expect(release.eolDate).toBe('2024-10-22');
    expect(release.eolDateSources.map((source) => [source.source, source.date])).toEqual([
      ['kubernetes/website data/releases/eol.yaml', '2024-10-22'],
      ['endoflife.date', '2024-10-28'],
    ]);
  });
});
