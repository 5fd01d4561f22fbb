import { statSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_DATA_DIR } from '../../src/data/paths.ts';
import { loadDataset } from '../../src/data/load.ts';
import type { Dataset } from '../../src/domain/dataset.ts';
import type { MilestoneKind } from '../../src/domain/schedule.ts';

let dataset: Dataset;
beforeAll(() => {
  dataset = loadDataset();
});

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => `1.${from + index}`);
const schedule = (version: string) => dataset.schedules.find((entry) => entry.version === version)!;
const milestone = (version: string, kind: string) =>
  schedule(version).events.find((event) => event.kinds.includes(kind as MilestoneKind));
const team = (version: string) => dataset.teams.find((entry) => entry.version === version)!;
const lead = (version: string) => team(version).roles.find((role) => role.key === 'lead')?.leads[0]?.name;
const release = (version: string) => dataset.releases.find((entry) => entry.version === version)!;

describe('the bundled dataset', () => {
  it('has every minor release 1.0 → 1.37 with a GA date, and EOL dates where upstream has them', () => {
    expect(dataset.releases.map((entry) => entry.version)).toEqual(expect.arrayContaining(range(0, 37)));
    for (const version of range(0, 37)) expect(release(version).gaDate, version).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(release('1.31').eolDate).toBe('2025-11-11');
    expect(release('1.30').eolDate).toBe('2025-07-15');
    expect(release('1.18').eolDate).toBe('2021-06-18');
    expect(release('1.36').eolDate).toBe('2027-06-28');
    expect(release('1.37').gaDateKind).toBe('planned');
    expect(release('1.31').latestPatch?.version).toMatch(/^1\.31\.\d+$/);
  });

  it('has schedules for every release sig-release documents (1.5 → 1.37)', () => {
    expect(dataset.schedules.map((entry) => entry.version)).toEqual(range(5, 37));
    for (const version of range(5, 37)) expect(milestone(version, 'release'), version).toBeDefined();
    expect(milestone('1.31', 'enhancements-freeze')?.at).toBe('2024-06-14T02:00:00Z');
    expect(milestone('1.31', 'code-freeze')?.at).toBe('2024-07-24T02:00:00Z');
    expect(milestone('1.31', 'release')?.date).toBe('2024-08-13');
    expect(milestone('1.37', 'release')?.date).toBe('2026-08-26');
  });

  it.each([...range(32, 37), '1.12', '1.13'])(
    '%s: the combined code-and-test-freeze row is both milestones',
    (version) => {
      const codeFreeze = milestone(version, 'code-freeze');
      expect(codeFreeze?.what).toMatch(/code (freeze )?and test freeze/i);
      expect(milestone(version, 'test-freeze')).toBe(codeFreeze);
    },
  );

  it('1.6: "Lift code freeze and v1.6.0-rc.1" is the thaw and the rc', () => {
    const row = schedule('1.6').events.find((event) => event.what === 'Lift code freeze and v1.6.0-rc.1');
    expect(row).toMatchObject({ kinds: ['thaw', 'rc'], build: '1.6.0-rc.1', date: '2017-03-14' });
  });

  it('has teams for 1.6 → 1.37 with their leads', () => {
    expect(dataset.teams.map((entry) => entry.version)).toEqual(range(6, 37));
    for (const version of range(6, 37)) expect(lead(version), version).toBeTruthy();
    expect(lead('1.31')).toBe('Angelos Kolaitis');
    expect(lead('1.24')).toBe('James Laverack');
  });

  it('has at least 650 KEPs with stage history', () => {
    expect(dataset.keps.length).toBeGreaterThanOrEqual(650);
    const kep = dataset.keps.find((entry) => entry.number === 3836)!;
    expect(kep.milestones).toMatchObject({ alpha: '1.28', beta: '1.30', stable: '1.31' });
    expect(kep.featureGates.map((gate) => gate.name)).toContain('KubeProxyDrainingTerminatingNodes');
    expect(dataset.keps.filter((entry) => entry.milestones.stable).length).toBeGreaterThan(250);
  });

  it('has the release announcements: 1.31 Elli 45 (11/22/12), 1.24 Stargazer 46 (14/15/13)', () => {
    expect(release('1.31').announcement).toMatchObject({
      codename: 'Elli',
      enhancements: { total: 45, stable: 11, beta: 22, alpha: 12 },
    });
    expect(release('1.24').announcement).toMatchObject({
      codename: 'Stargazer',
      enhancements: { total: 46, stable: 14, beta: 15, alpha: 13 },
    });
  });

  it('keeps the announcement list and kep.yaml apart where they disagree (1.31: 2305 listed, 2395 not)', () => {
    const listed = release('1.31').announcement!.graduatedToStable!.map((entry) => entry.kep);
    expect(listed).toContain(2305);
    expect(listed).not.toContain(2395);
    expect(dataset.keps.find((entry) => entry.number === 2395)?.milestones.stable).toBe('1.31');
  });

  it('has deprecated APIs: policy/v1beta1 PodSecurityPolicy removed in 1.25', () => {
    expect(dataset.deprecatedApis).toContainEqual(
      expect.objectContaining({ apiVersion: 'policy/v1beta1', kind: 'PodSecurityPolicy', removedIn: '1.25' }),
    );
  });

  it('stays under 5 MB on disk', () => {
    const bytes = readdirSync(BUNDLED_DATA_DIR)
      .filter((name) => name.endsWith('.json'))
      .reduce((sum, name) => sum + statSync(path.join(BUNDLED_DATA_DIR, name)).size, 0);
    expect(bytes).toBeLessThan(5 * 1024 * 1024);
  });
});
