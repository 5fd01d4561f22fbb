import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAnnouncements } from '../../src/import/announcements.ts';
import { parsePlutoVersions } from '../../src/import/deprecations.ts';
import { buildReleases } from '../../src/import/releases.ts';
import { parseSourcesTable } from '../../src/import/sources-table.ts';
import { readFrontMatter, readJsonText, readYaml } from '../../src/import/yaml.ts';

const UPSTREAM = path.resolve('test/fixtures/shared-mini/upstream');
const read = (relative: string) => readFileSync(path.join(UPSTREAM, relative), 'utf8');
const CURATED = readFileSync(path.resolve('test/fixtures/shared-mini/curated/release-announcements.yaml'), 'utf8');

describe('Pluto versions.yaml', () => {
  const apis = parsePlutoVersions(read('pluto/versions.yaml'), 'pluto/versions.yaml');

  it('keeps Kubernetes APIs only, with versions as minors', () => {
    expect(apis.length).toBe(86);
    expect(apis).toContainEqual({
      kind: 'PodSecurityPolicy',
      apiVersion: 'policy/v1beta1',
      deprecatedIn: '1.21',
      removedIn: '1.25',
      replacement: null,
      replacementAvailableIn: null,
    });
    expect(apis.some((api) => api.apiVersion.includes('istio') || api.apiVersion.includes('cert-manager'))).toBe(false);
  });

  it('names the entry and field of a bad value', () => {
    const broken =
      'deprecated-versions:\n  - version: apps/v1beta1\n    kind: Deployment\n    deprecated-in: nine\n    removed-in: v1.16.0\n    component: k8s\n';
    expect(() => parsePlutoVersions(broken, 'pluto/versions.yaml')).toThrow(
      /pluto\/versions\.yaml: deprecated-versions\[0\]\.deprecated-in: not a version/,
    );
  });
});

describe('curated release announcements', () => {
  const releases = parseAnnouncements(CURATED, 'curated/release-announcements.yaml');

  it('reads codename, counts, lead and the stable list', () => {
    const elli = releases.find((entry) => entry.version === '1.31')!;
    expect(elli.announcement.codename).toBe('Elli');
    expect(elli.announcement.releaseLead).toBe('Angelos Kolaitis');
    expect(elli.announcement.enhancements).toEqual({
      total: 45,
      stable: 11,
      beta: 22,
      alpha: 12,
      deprecatedOrRemoved: null,
    });
    expect(elli.announcement.graduatedToStable?.map((entry) => entry.kep)).toContain(2305);
    expect(elli.announcement.url).toMatch(/^https:\/\/kubernetes\.io\/blog\/2024\/08\/13\//);
  });

  it('names the release and field of a bad entry', () => {
    const broken = CURATED.replace(
      'codename: "Elli"\n  released: "2024-08-13"',
      'codename: "Elli"\n  released: "2024-02-31"',
    );
    expect(() => parseAnnouncements(broken, 'curated/release-announcements.yaml')).toThrow(
      /release-announcements\.yaml: \[\d+\] \(1\.31\)\.released: not a real calendar date/,
    );
  });
});

describe('release dates and support windows', () => {
  const releases = buildReleases({
    patchData: {
      file: 'kubernetes.json',
      data: readJsonText(read('endoflife-date-release-data/releases/kubernetes.json'), 'kubernetes.json'),
    },
    endOfLifeDate: {
      file: 'kubernetes.md',
      data: readFrontMatter(read('endoflife.date/products/kubernetes.md'), 'kubernetes.md'),
    },
    websiteEol: { file: 'eol.yaml', data: readYaml(read('kubernetes-website/data/releases/eol.yaml'), 'eol.yaml') },
    websiteSchedule: {
      file: 'schedule.yaml',
      data: readYaml(read('kubernetes-website/data/releases/schedule.yaml'), 'schedule.yaml'),
    },
    websiteLegacy: {
      file: 'legacy.json',
      data: readJsonText(read('kubernetes-website/data/releases/legacy.json'), 'legacy.json'),
    },
    curated: parseAnnouncements(CURATED, 'curated'),
    schedules: [],
  });
  const release = (version: string) => releases.find((entry) => entry.version === version)!;

  it('merges GA, maintenance and EOL dates and keeps every source of the GA date', () => {
    expect(release('1.0').gaDate).toBe('2015-07-10');
    expect(release('1.30')).toMatchObject({
      gaDate: '2024-04-17',
      maintenanceModeDate: '2025-04-28',
      eolDate: '2025-07-15',
    });
    expect(release('1.31').gaDateSources.map((source) => source.source)).toEqual(
      expect.arrayContaining([
        'endoflife-date/release-data (x.y.0 tag date)',
        'endoflife.date',
        'release announcement (curated)',
      ]),
    );
    expect(release('1.26').eolDate).toBe('2024-02-28');
  });

  it('lists patches in order with the latest last', () => {
    const patches = release('1.31').patches.map((patch) => Number(patch.version.split('.')[2]));
    expect(patches).toEqual([...patches].sort((a, b) => a - b));
    expect(release('1.31').latestPatch).toEqual(release('1.31').patches.at(-1));
  });

  it('reports a malformed source file by field', () => {
    expect(() =>
      buildReleases({
        patchData: { file: 'kubernetes.json', data: { versions: { '1.0.0': { name: '1.0.0' } } } },
        endOfLifeDate: { file: 'kubernetes.md', data: { releases: [] } },
        websiteEol: null,
        websiteSchedule: null,
        websiteLegacy: null,
        curated: [],
        schedules: [],
      }),
    ).toThrow(/kubernetes\.json: versions\.1\.0\.0\.date/);
  });
});

describe('SOURCES.md provenance table', () => {
  it('reads commit, date and licence per folder', () => {
    const rows = parseSourcesTable(read('SOURCES.md'));
    expect(rows.get('kubernetes-sig-release')).toEqual({
      commit: 'e8dfc80571dcb23c67a5ec044da17374358130cf',
      commitDate: '2026-08-13',
      license: 'Apache-2.0',
    });
    expect(rows.get('kubernetes-website')?.commit).toBeNull();
  });
});
