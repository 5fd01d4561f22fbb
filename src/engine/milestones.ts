import type { AnswerItem } from '../domain/answer.ts';
import { KEP_STAGES, type Kep, type KepStage } from '../domain/kep.ts';
import type { AnnouncedEnhancement, Release } from '../domain/release.ts';
import { type EngineIndex, milestoneKey } from './engine-index.ts';
import { kepItem, kepLabel } from './format.ts';
import { plural } from '../domain/answer-builders.ts';
import { isShipped } from './versions.ts';
import { memoPerObject } from '../domain/memo.ts';

/**
 * What the sources say about the KEPs of one stage in one release, shared by every intent that
 * lists them (release summary, stage lists, SIG views, compare).
 *
 * kep.yaml names the release a KEP *targets* for a stage before that release ships, so for a
 * release not shipped at `now` (or one the data cannot confirm) every kep.yaml list is a plan.
 * For a shipped release, a KEP whose milestone names the release while its current stage is still
 * below it did not get there as planned, or its kep.yaml was never updated: either way it is a
 * disagreement to show, not a graduation to count.
 */

/** The graduation ladder. The lifecycle stages (deprecated, disabled, removed) lie past it. */
const LADDER: Partial<Record<KepStage, number>> = { alpha: 1, beta: 2, stable: 3 };

export interface MilestoneConflict {
  kep: Kep;
  /** "kep.yaml: milestone stable 1.36, but stage is beta" */
  note: string;
}

export interface ReleaseStage {
  stage: KepStage;
  version: string;
  /** The release had shipped by `now` (see isShipped); otherwise every list is a plan. */
  shipped: boolean;
  /** Shipped: KEPs kep.yaml records reaching the stage in this release. Not shipped: KEPs targeting it. */
  keps: readonly Kep[];
  /** Shipped releases only: KEPs whose milestone names the release but whose current stage is below it. */
  conflicts: readonly MilestoneConflict[];
}

/** Why kep.yaml contradicts itself about `stage` in `version`, or null when it does not. */
export function milestoneConflict(kep: Kep, stage: KepStage, version: string): string | null {
  const target = LADDER[stage];
  if (target === undefined || kep.milestones[stage] !== version) return null;
  if (kep.stage === null) return `kep.yaml: milestone ${stage} ${version}, but no stage is recorded`;
  const current = LADDER[kep.stage];
  if (current === undefined || current >= target) return null;
  return `kep.yaml: milestone ${stage} ${version}, but stage is ${kep.stage}`;
}

const NO_KEPS: readonly Kep[] = [];
const NO_CONFLICTS: readonly MilestoneConflict[] = [];

type Split = Pick<ReleaseStage, 'keps' | 'conflicts'>;

/**
 * kep.yaml's lists of a shipped release, each stage's split into agreeing KEPs and conflicts once per index and
 * release: the splits depend on nothing else, and most questions ask for one.
 */
const shippedSplits = memoPerObject((index: EngineIndex, release: Release): ReadonlyMap<KepStage, Split> => {
  const splits = new Map<KepStage, Split>();
  for (const stage of KEP_STAGES) {
    const keps: Kep[] = [];
    const conflicts: MilestoneConflict[] = [];
    for (const kep of index.kepsByMilestone.get(milestoneKey(stage, release.version)) ?? NO_KEPS) {
      const note = milestoneConflict(kep, stage, release.version);
      if (note) conflicts.push({ kep, note });
      else keps.push(kep);
    }
    splits.set(stage, { keps, conflicts });
  }
  return splits;
});

/** The KEPs kep.yaml names for `stage` in `release`, split into the ones that agree and the ones that do not. */
export function releaseStage(
  index: EngineIndex,
  release: Release,
  stage: KepStage,
  now: Date,
  include?: (kep: Kep) => boolean,
): ReleaseStage {
  const shipped = isShipped(release, now);
  const version = release.version;
  const { keps, conflicts } = shipped
    ? shippedSplits(index, release).get(stage)!
    : { keps: index.kepsByMilestone.get(milestoneKey(stage, version)) ?? NO_KEPS, conflicts: NO_CONFLICTS };
  return include
    ? { stage, version, shipped, keps: keps.filter(include), conflicts: conflicts.filter(({ kep }) => include(kep)) }
    : { stage, version, shipped, keps, conflicts };
}

const LIFECYCLE_NOUN: Partial<Record<KepStage, string>> = {
  deprecated: 'deprecation',
  disabled: 'disabling',
  removed: 'removal',
};

/** "Reached beta in 1.36", "Deprecated in 1.36"; for a release not shipped, "Targeting beta in 1.37". */
export function stageHeading(list: Pick<ReleaseStage, 'stage' | 'version' | 'shipped'>): string {
  const lifecycle = LIFECYCLE_NOUN[list.stage];
  if (list.shipped)
    return lifecycle
      ? `${list.stage.charAt(0).toUpperCase()}${list.stage.slice(1)} in ${list.version}`
      : `Reached ${list.stage} in ${list.version}`;
  return `Targeting ${lifecycle ?? list.stage} in ${list.version}`;
}

/** "21 KEPs reached beta in Kubernetes 1.36 by kep.yaml" or "28 KEPs target stable in Kubernetes 1.37 by kep.yaml". */
export function stageCount(list: ReleaseStage, sigText = ''): string {
  const count = list.keps.length;
  const { stage, version } = list;
  if (list.shipped)
    return count === 0
      ? `No KEP${sigText} reached ${stage} in ${version} by kep.yaml`
      : `${plural(count, 'KEP')}${sigText} reached ${stage} in Kubernetes ${version} by kep.yaml`;
  const kepsTarget = `${plural(count, 'KEP')}${sigText} ${verb(count, 'targets', 'target')}`;
  return count === 0
    ? `No KEP${sigText} targets ${stage} in ${version} in kep.yaml`
    : `${kepsTarget} ${stage} in Kubernetes ${version} by kep.yaml`;
}

/** Said beside every list of targets, so nobody reads a plan as a result. */
export function plannedLine(index: EngineIndex, version: string): string {
  const plans = `kep.yaml names the release each KEP targets before ${version} is out, and targets can still slip`;
  const stages = `The stage shown is each KEP's kep.yaml stage as of ${index.dataset.manifest.dataDate}`;
  return `Planned, not shipped: ${plans}. ${stages}.`;
}

export const conflictHeading = (list: Pick<ReleaseStage, 'stage' | 'version'>): string =>
  `kep.yaml names ${list.stage} in ${list.version}, but the KEP's stage is earlier`;

export const conflictItems = (list: ReleaseStage): AnswerItem[] =>
  list.conflicts.map(({ kep, note }) => kepItem(kep, note));

/** "kep.yaml also names stable 1.36 for 3 KEPs whose stage is earlier, so they are not counted: KEP-3243 (beta), …" */
export function conflictSentence(list: ReleaseStage): string | null {
  if (list.conflicts.length === 0) return null;
  const named = list.conflicts.map(({ kep }) => `${kepLabel(kep.number)} (${kep.stage ?? 'no stage'})`).join(', ');
  const count = list.conflicts.length;
  const which = `${list.stage} ${list.version} for ${plural(count, 'KEP')} whose stage is earlier`;
  return `kep.yaml also names ${which}, so ${verb(count, 'it is', 'they are')} not counted: ${named}.`;
}

export interface AnnouncedEntry {
  item: AnswerItem;
  kep: Kep | null;
  /** Where kep.yaml disagrees with the announcement (or with itself) about this KEP; null when it agrees. */
  disagreement: string | null;
}

export interface AnnouncedStable {
  entries: readonly AnnouncedEntry[];
  /** KEP numbers on the list, filtered or not. */
  listed: ReadonlySet<number>;
  /** Entries without a KEP number, which a SIG filter cannot attribute. */
  unattributed: number;
  /** The list's full length. */
  length: number;
}

/**
 * A shipped release's whole announcement list with kep.yaml beside each entry, worked out once per index and
 * release: it depends on nothing else, and every question about the release's graduations reads it.
 */
const wholeList = memoPerObject((index: EngineIndex, release: Release): AnnouncedStable => {
  const list = release.announcement?.graduatedToStable ?? [];
  return {
    entries: list.map((entry) => announcedEntry(index, entry, release.version)),
    listed: new Set(list.flatMap((entry) => (entry.kep != null ? [entry.kep] : []))),
    unattributed: 0,
    length: list.length,
  };
});

function announcedEntry(index: EngineIndex, entry: AnnouncedEnhancement, version: string): AnnouncedEntry {
  const kep = entry.kep != null ? (index.kepByNumber.get(entry.kep) ?? null) : null;
  if (!kep) {
    return {
      item: {
        kep: entry.kep,
        title: entry.title,
        stage: null,
        sig: null,
        url: null,
        detail: entry.kep != null ? `${kepLabel(entry.kep)} is not in the data` : null,
      },
      kep: null,
      disagreement: null,
    };
  }
  const yamlStable = kep.milestones.stable;
  const detail =
    yamlStable !== version
      ? yamlStable
        ? `kep.yaml says stable in ${yamlStable}`
        : `kep.yaml records no stable release (stage: ${kep.stage ?? 'none'})`
      : milestoneConflict(kep, 'stable', version);
  return { item: { ...kepItem(kep, detail), title: entry.title }, kep, disagreement: detail };
}

/**
 * The release announcement's list of graduations to stable (the release team's own record), with
 * what kep.yaml says beside each entry. null when the release had not shipped at `now` (its
 * announcement did not exist yet) or the data has no list. `include` keeps the entries whose KEP
 * it accepts; the entries without a KEP number, which it cannot judge, are counted as unattributed.
 */
export function announcedStable(
  index: EngineIndex,
  release: Release,
  now: Date,
  include?: (kep: Kep) => boolean,
): AnnouncedStable | null {
  const list = release.announcement?.graduatedToStable;
  if (!list || !isShipped(release, now)) return null;
  const whole = wholeList(index, release);
  if (!include) return whole;
  return {
    ...whole,
    entries: whole.entries.filter((entry) => entry.kep !== null && include(entry.kep)),
    unattributed: list.filter((entry) => entry.kep == null).length,
  };
}

export interface StableOverview {
  /**
   * "Graduated to stable in 1.31 (release announcement)", "Reached stable in 1.36 (kep.yaml)",
   * "Targeting stable in 1.37 (kep.yaml)".
   */
  heading: string;
  items: AnswerItem[];
  moreUrl: string | null;
  lines: string[];
  shipped: boolean;
}

/** The one stable list a release overview shows: the announcement's when it shipped with one, else kep.yaml's. */
export function stableOverview(
  index: EngineIndex,
  release: Release,
  now: Date,
  kepYamlUrl: string | null,
): StableOverview {
  const version = release.version;
  const announced = announcedStable(index, release, now);
  if (announced && announced.entries.length > 0) {
    return {
      heading: `Graduated to stable in ${version} (release announcement)`,
      items: announced.entries.map((entry) => entry.item),
      moreUrl: release.announcement?.url ?? null,
      lines: [],
      shipped: true,
    };
  }
  const list = releaseStage(index, release, 'stable', now);
  const conflicts = conflictSentence(list);
  return {
    heading: `${stageHeading(list)} (kep.yaml)`,
    items: list.keps.map((kep) => kepItem(kep)),
    moreUrl: kepYamlUrl,
    lines: list.shipped ? (conflicts ? [conflicts] : []) : [plannedLine(index, version)],
    shipped: list.shipped,
  };
}

/** The verb agreeing with a count: verb(1, 'targets', 'target'). */
const verb = (count: number, one: string, many: string): string => (count === 1 ? one : many);
