// The shared rule for stage lists: plans for releases not shipped at `now`, self-contradictions flagged for shipped ones.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/load.ts';
import type { Kep } from '../../src/domain/kep.ts';
import type { Release } from '../../src/domain/release.ts';
import { buildIndex, type EngineIndex, milestoneKey } from '../../src/engine/engine-index.ts';
import {
  announcedStable,
  conflictSentence,
  milestoneConflict,
  releaseStage,
  stableOverview,
  stageCount,
  stageHeading,
} from '../../src/engine/milestones.ts';
import { isShipped } from '../../src/engine/versions.ts';

const BEFORE_131 = new Date('2024-07-01T12:00:00Z');
const DATA_DATE = new Date('2026-08-22T12:00:00Z');
const LATER = new Date('2026-11-21T12:00:00Z');

let index: EngineIndex;
const release = (version: string): Release => index.releaseByVersion.get(version)!;
const numbers = (keps: readonly Kep[]): number[] => keps.map((kep) => kep.number);

beforeAll(() => {
  index = buildIndex(loadDataset());
});

function kep(stage: Kep['stage'], milestones: Kep['milestones']): Kep {
  return {
    number: 1,
    title: 't',
    owningSig: 'sig-node',
    participatingSigs: [],
    status: 'implementable',
    stage,
    latestMilestone: null,
    milestones,
    featureGates: [],
    creationDate: null,
    summary: '',
    path: 'keps/sig-node/1-t',
    links: {
      issue: 'https://github.com/kubernetes/enhancements/issues/1',
      folder: 'https://github.com/kubernetes/enhancements/tree/master/keps/sig-node/1-t',
    },
  };
}

describe('milestoneConflict', () => {
  it('flags a milestone the current stage has not reached', () => {
    expect(milestoneConflict(kep('beta', { alpha: '1.30', beta: '1.31', stable: '1.33' }), 'stable', '1.33')).toBe(
      'kep.yaml: milestone stable 1.33, but stage is beta',
    );
    expect(milestoneConflict(kep('alpha', { alpha: '1.30', beta: '1.31' }), 'beta', '1.31')).toBe(
      'kep.yaml: milestone beta 1.31, but stage is alpha',
    );
    expect(milestoneConflict(kep(null, { stable: '1.31' }), 'stable', '1.31')).toBe(
      'kep.yaml: milestone stable 1.31, but no stage is recorded',
    );
  });

  it('accepts a stage at or past the milestone, and other releases', () => {
    expect(milestoneConflict(kep('stable', { alpha: '1.30', stable: '1.33' }), 'stable', '1.33')).toBeNull();
    expect(milestoneConflict(kep('stable', { alpha: '1.30', stable: '1.33' }), 'alpha', '1.30')).toBeNull();
    expect(milestoneConflict(kep('deprecated', { beta: '1.20', deprecated: '1.30' }), 'beta', '1.20')).toBeNull();
    expect(milestoneConflict(kep('beta', { stable: '1.33' }), 'stable', '1.34')).toBeNull();
  });

  it('leaves the lifecycle stages alone (they are not a ladder)', () => {
    expect(
      milestoneConflict(kep('alpha', { alpha: '1.19', deprecated: '1.24', removed: '1.24' }), 'removed', '1.24'),
    ).toBeNull();
  });
});

describe('isShipped', () => {
  it('needs a confirmed GA date on or before now', () => {
    expect(isShipped(release('1.31'), BEFORE_131)).toBe(false);
    expect(isShipped(release('1.31'), new Date('2024-08-13T00:00:00Z'))).toBe(true);
    expect(release('1.37').gaDateKind).toBe('planned');
    expect(isShipped(release('1.37'), LATER)).toBe(false);
  });
});

describe('releaseStage', () => {
  it('splits a shipped release into agreeing KEPs and contradictions', () => {
    const list = releaseStage(index, release('1.36'), 'stable', DATA_DATE);
    expect(list.shipped).toBe(true);
    expect(numbers(list.conflicts.map((conflict) => conflict.kep))).toEqual([3243, 5234, 5307]);
    expect(numbers(list.keps)).toContain(4800);
    expect(numbers(list.keps)).not.toContain(5234);
    expect(list.keps.every((entry) => entry.stage === 'stable')).toBe(true);
    expect(stageHeading(list)).toBe('Reached stable in 1.36');
    expect(conflictSentence(list)).toContain('KEP-3243 (beta), KEP-5234 (alpha), KEP-5307 (beta)');
  });

  it('lists every target, unflagged, for a release not shipped at now', () => {
    const before = releaseStage(index, release('1.36'), 'stable', new Date('2026-01-01T00:00:00Z'));
    expect(before.shipped).toBe(false);
    expect(before.conflicts).toEqual([]);
    expect(numbers(before.keps)).toEqual(expect.arrayContaining([3243, 5234, 5307, 4800]));
    const planned = releaseStage(index, release('1.37'), 'stable', LATER);
    expect(stageHeading(planned)).toBe('Targeting stable in 1.37');
    expect(stageCount(planned)).toBe('28 KEPs target stable in Kubernetes 1.37 by kep.yaml');
  });

  it('filters by SIG and words the lifecycle stages', () => {
    const list = releaseStage(
      index,
      release('1.36'),
      'stable',
      DATA_DATE,
      (entry) => entry.owningSig === 'sig-scheduling',
    );
    expect(numbers(list.conflicts.map((conflict) => conflict.kep))).toEqual([3243, 5234]);
    expect(stageHeading({ stage: 'deprecated', version: '1.36', shipped: true })).toBe('Deprecated in 1.36');
    expect(stageHeading({ stage: 'removed', version: '1.37', shipped: false })).toBe('Targeting removal in 1.37');
  });
});

describe('announcedStable and stableOverview', () => {
  it('uses the announcement only once the release has shipped', () => {
    expect(announcedStable(index, release('1.31'), BEFORE_131)).toBeNull();
    const announced = announcedStable(index, release('1.31'), DATA_DATE)!;
    expect(announced.entries.length).toBe(11);
    expect(announced.entries.find((entry) => entry.kep?.number === 2305)?.disagreement).toBe(
      'kep.yaml says stable in 1.30',
    );
    expect(stableOverview(index, release('1.31'), DATA_DATE, null).heading).toBe(
      'Graduated to stable in 1.31 (release announcement)',
    );
    const before = stableOverview(index, release('1.31'), BEFORE_131, null);
    expect(before.heading).toBe('Targeting stable in 1.31 (kep.yaml)');
    expect(before.shipped).toBe(false);
    expect(before.lines[0]).toContain('Planned, not shipped');
  });
});

describe('remembered lists', () => {
  // What releaseStage and announcedStable must give, computed from the data on every call.
  function plainStage(r: Release, stage: 'alpha' | 'beta' | 'stable', now: Date, include: (k: Kep) => boolean) {
    const shipped = isShipped(r, now);
    const keps: Kep[] = [];
    const conflicts: Array<{ kep: Kep; note: string }> = [];
    for (const k of index.kepsByMilestone.get(milestoneKey(stage, r.version)) ?? []) {
      if (!include(k)) continue;
      const note = shipped ? milestoneConflict(k, stage, r.version) : null;
      if (note) conflicts.push({ kep: k, note });
      else keps.push(k);
    }
    return {
      stage,
      version: r.version,
      shipped,
      keps: numbers(keps),
      conflicts: conflicts.map((c) => [c.kep.number, c.note]),
    };
  }
  function plainAnnounced(r: Release, now: Date, include?: (k: Kep) => boolean) {
    const list = r.announcement?.graduatedToStable;
    if (!list || !isShipped(r, now)) return null;
    const kept = list.filter((entry) => {
      const found = entry.kep != null ? index.kepByNumber.get(entry.kep) : undefined;
      return !include || (found !== undefined && include(found));
    });
    return {
      entries: kept.map((entry) => [entry.kep, entry.title]),
      unattributed: include ? list.filter((entry) => entry.kep == null).length : 0,
      length: list.length,
    };
  }

  it('give what the data says for every release, stage, SIG filter and moment, asked in any order', () => {
    const releases = [...index.releaseByVersion.values()].filter((r) => r.announcement || r.gaDate);
    const moments = releases.flatMap((r) => (r.gaDate ? [new Date(`${r.gaDate}T12:00:00Z`)] : []));
    const nows = [LATER, BEFORE_131, ...moments.filter((_, at) => at % 3 === 0), DATA_DATE, BEFORE_131];
    const filters = [undefined, (k: Kep) => k.owningSig === 'sig-node', undefined];
    let checked = 0;
    for (const now of nows)
      for (const r of releases)
        for (const include of filters) {
          for (const stage of ['alpha', 'beta', 'stable'] as const) {
            const got = releaseStage(index, r, stage, now, include);
            const want = plainStage(r, stage, now, include ?? (() => true));
            expect({
              ...got,
              keps: numbers(got.keps),
              conflicts: got.conflicts.map((c) => [c.kep.number, c.note]),
            }).toEqual(want);
          }
          const announced = announcedStable(index, r, now, include);
          const want = plainAnnounced(r, now, include);
          expect(
            announced && {
              entries: announced.entries.map((entry) => [entry.item.kep, entry.item.title]),
              unattributed: announced.unattributed,
              length: announced.length,
            },
          ).toEqual(want);
          if (want) checked++;
        }
    expect(checked).toBeGreaterThan(20);
  });
});
