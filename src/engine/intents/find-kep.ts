import type { Answer } from '../../domain/answer.ts';
import type { Kep } from '../../domain/kep.ts';
import { memoPerObject } from '../../domain/memo.ts';
import { compareMinor } from '../../domain/version.ts';
import type { EngineIndex } from '../engine-index.ts';
import { kepIssueUrl } from '../../domain/links.ts';
import { kepLabel } from '../format.ts';
import { makeAnswer } from '../../domain/answer-builders.ts';
import type { SearchHit } from '../kep-search.ts';
import type { FeatureRef } from '../query.ts';
import { isShipped } from '../versions.ts';
import { searchAnswer } from './search-results.ts';

export type FoundKep = { ok: true; kep: Kep; correctedTo: string | null; asked: string | null; others: SearchHit[] };

const MILESTONE_STAGES = ['alpha', 'beta', 'stable', 'deprecated', 'disabled', 'removed'] as const;

/** A release counts as later than `cycle` when it is after it: its milestones were not written while `cycle` ran. */
const laterThan = (cycle: string) => (version: string | null | undefined) =>
  version != null && compareMinor(version, cycle) > 0;

/** The KEP without what kep.yaml names for releases after `cycle`; worked out once per KEP and cycle. */
const keptAsOf = memoPerObject((kep: Kep, cycle: string): Kep => {
  const later = laterThan(cycle);
  const milestones = Object.fromEntries(
    Object.entries(kep.milestones).filter(([, version]) => !later(version)),
  ) as Kep['milestones'];
  const reached = MILESTONE_STAGES.filter((stage) => milestones[stage]);
  const stage = kep.stage && !later(kep.milestones[kep.stage]) ? kep.stage : (reached.at(-1) ?? null);
  const latest =
    reached
      .map((name) => milestones[name]!)
      .sort(compareMinor)
      .at(-1) ?? null;
  return { ...kep, milestones, stage, latestMilestone: later(kep.latestMilestone) ? latest : kep.latestMilestone };
});

/**
 * The KEP as it could be known at `now`: a milestone in a release after the cycle under way then
 * (the first release not shipped at `now`) was not written yet, nor the stage it names.
 */
export function kepAsOf(index: EngineIndex, kep: Kep, now: Date): Kep {
  const cycle = index.releases.find((release) => !isShipped(release, now))?.version;
  if (!cycle) return kep;
  const later = laterThan(cycle);
  if (!MILESTONE_STAGES.some((stage) => later(kep.milestones[stage])) && !later(kep.latestMilestone)) return kep;
  return keptAsOf(kep, cycle);
}

/**
 * Finds the KEP a reference names; when it cannot, the answer to give instead (candidates or "no match").
 * With `now`, the KEP is as it could be known then (see kepAsOf).
 */
export function findKep(index: EngineIndex, ref: FeatureRef, now?: Date): FoundKep | { ok: false; answer: Answer } {
  const found = findKepNow(index, ref);
  return found.ok && now ? { ...found, kep: kepAsOf(index, found.kep, now) } : found;
}

function findKepNow(index: EngineIndex, ref: FeatureRef): FoundKep | { ok: false; answer: Answer } {
  if (ref.kind === 'number') {
    const kep = index.kepByNumber.get(ref.number);
    if (kep) return { ok: true, kep, correctedTo: null, asked: null, others: [] };
    return { ok: false, answer: missingKep(index, ref.number) };
  }
  const resolution = index.kepSearch.resolve(ref.text);
  if (resolution.kind === 'found')
    return {
      ok: true,
      kep: resolution.kep,
      correctedTo: resolution.correctedTo,
      asked: ref.text,
      others: resolution.others,
    };
  return { ok: false, answer: searchAnswer(index, ref.text, resolution) };
}

function missingKep(index: EngineIndex, number: number): Answer {
  const enhancements = index.dataset.manifest.sources.find((source) => source.repository === 'kubernetes/enhancements');
  const asOf = enhancements?.commitDate ? ` as of ${enhancements.commitDate}` : '';
  return makeAnswer(index.footer, {
    intent: 'kep',
    title: `${kepLabel(number)} is not in the data`,
    summary:
      `${kepLabel(number)} is not in the data ` +
      `(${index.dataset.keps.length} KEPs from kubernetes/enhancements${asOf}). ` +
      'It may be newer than the data, or an issue number that is not a KEP.',
    links: [{ label: `kubernetes/enhancements issue ${number}`, url: kepIssueUrl(number) }],
    suggestions: ['what went GA', 'help'],
  });
}
