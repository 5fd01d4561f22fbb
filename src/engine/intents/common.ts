import type { Answer, AnswerItem } from '../../domain/answer.ts';
import type { Kep, KepStage } from '../../domain/kep.ts';
import { latestPatchAsOf, supportState, SUPPORTED_MINORS, type Release } from '../../domain/release.ts';
import { compareMinor } from '../../domain/version.ts';
import type { EngineIndex } from '../context.ts';
import { helpExamples } from '../kinds/registry.ts';
import {
  formatDate,
  isoDay,
  kepIssueUrl,
  kepItem,
  kepLabel,
  listSection,
  makeAnswer,
  section,
  sigName,
  stageHistory,
} from '../format.ts';
import type { FeatureRef } from '../query.ts';
import { MAX_QUESTION_CHARS, quote } from '../sanitize.ts';
import type { FeatureResolution, SearchHit } from '../search.ts';
import { isReleased, isShipped, latestReleased } from '../versions.ts';

export type FoundKep = { ok: true; kep: Kep; correctedTo: string | null; asked: string | null; others: SearchHit[] };

const MILESTONE_STAGES = ['alpha', 'beta', 'stable', 'deprecated', 'disabled', 'removed'] as const;
const keptAsOf = new WeakMap<Kep, Map<string, Kep>>();

/**
 * The KEP as it could be known at `now`: a milestone in a release after the cycle under way then
 * (the first release not shipped at `now`) was not written yet, nor the stage it names.
 */
export function kepAsOf(index: EngineIndex, kep: Kep, now: Date): Kep {
  const cycle = index.releases.find((release) => !isShipped(release, now))?.version;
  if (!cycle) return kep;
  const later = (version: string | null | undefined) => version != null && compareMinor(version, cycle) > 0;
  if (!MILESTONE_STAGES.some((stage) => later(kep.milestones[stage])) && !later(kep.latestMilestone)) return kep;
  let byCycle = keptAsOf.get(kep);
  if (!byCycle) {
    byCycle = new Map();
    keptAsOf.set(kep, byCycle);
  }
  let known = byCycle.get(cycle);
  if (!known) {
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
    known = { ...kep, milestones, stage, latestMilestone: later(kep.latestMilestone) ? latest : kep.latestMilestone };
    byCycle.set(cycle, known);
  }
  return known;
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
    const kep = index.kep.get(ref.number);
    if (kep) return { ok: true, kep, correctedTo: null, asked: null, others: [] };
    return { ok: false, answer: missingKep(index, ref.number) };
  }
  const resolution = index.search.resolve(ref.text);
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
  return makeAnswer(index.footer, {
    intent: 'kep',
    title: `${kepLabel(number)} is not in the data`,
    summary: `${kepLabel(number)} is not in the data (${index.dataset.keps.length} KEPs from kubernetes/enhancements${enhancements?.commitDate ? ` as of ${enhancements.commitDate}` : ''}). It may be newer than the data, or an issue number that is not a KEP.`,
    links: [{ label: `kubernetes/enhancements issue ${number}`, url: kepIssueUrl(number) }],
    suggestions: ['what went GA', 'help'],
  });
}

/** The full-text search answer: ranked KEPs, "did you mean", never empty. */
export function searchAnswer(
  index: EngineIndex,
  text: string,
  resolution: Exclude<FeatureResolution, { kind: 'found' }>,
): Answer {
  const asked = quote(text);
  if (resolution.kind === 'none') {
    const suggestion = resolution.suggestion;
    return makeAnswer(index.footer, {
      intent: 'search',
      title: `No match for “${asked}”`,
      summary: `No KEP title, summary or feature gate matches “${asked}”.${suggestion ? ` Did you mean “${suggestion}”?` : ''} Try a feature name (“sidecar containers”), a feature gate (“NFTablesProxyMode”), a KEP number (“KEP-3836”) or a release (“1.31”).`,
      sections: [section('You can ask', { lines: helpExamples().slice(0, 6) })],
      suggestions: [...(suggestion ? [suggestion] : []), 'help', "what's in the latest release"],
    });
  }
  const { hits, correctedTo } = resolution;
  const top = hits[0]!.kep;
  const items: AnswerItem[] = hits.map((hit) => kepItem(hit.kep, stageHistory(hit.kep)));
  return makeAnswer(index.footer, {
    intent: 'search',
    title: `KEPs matching “${correctedTo ?? asked}”`,
    summary: `${correctedTo ? `Read as “${correctedTo}” (you wrote “${asked}”). ` : ''}${hits.length === 1 ? 'One KEP matches' : `${hits.length >= 10 ? 'Many' : hits.length} KEPs match`} “${correctedTo ?? asked}”; the best match is ${kepLabel(top.number)} “${top.title}” (${top.stage ?? 'no stage'}, ${sigName(top.owningSig)}).`,
    sections: [listSection('Best matches', items, 10)],
    suggestions: hits.slice(0, 3).map((hit) => kepLabel(hit.kep.number)),
  });
}

const STAGE_RANK: Record<KepStage, number> = { alpha: 1, beta: 2, stable: 3, deprecated: 4, disabled: 5, removed: 6 };

/** The stage kep.yaml implies at a release: the furthest milestone at or before it. */
export function stageAt(kep: Kep, version: string): KepStage | null {
  let best: KepStage | null = null;
  for (const [stage, milestone] of Object.entries(kep.milestones) as Array<[KepStage, string | undefined]>) {
    if (!milestone || compareMinor(milestone, version) > 0) continue;
    if (
      !best ||
      STAGE_RANK[stage] > STAGE_RANK[best] ||
      (STAGE_RANK[stage] === STAGE_RANK[best] && compareMinor(milestone, kep.milestones[best]!) > 0)
    )
      best = stage;
  }
  return best;
}

export interface StageNow {
  stage: KepStage | null;
  since: string | null;
  /** A later stage kep.yaml records for a release not out at `now` ("targets stable in 1.33"). */
  pending: { stage: KepStage; version: string } | null;
}

/**
 * The stage a KEP is at on `now`. kep.yaml is a snapshot that may already record a stage for a
 * release that is not out yet at `now`; that stage is reported as pending, not as reached.
 */
export function stageNow(index: EngineIndex, kep: Kep, now: Date): StageNow {
  const stage = kep.stage;
  const since = stage ? (kep.milestones[stage] ?? null) : null;
  if (!stage || !since) return { stage, since, pending: null };
  const release = index.release.get(since);
  if (release && isReleased(release, now)) return { stage, since, pending: null };
  const latest = latestReleased(index, now);
  const then = latest ? stageAt(kep, latest.version) : null;
  return { stage: then, since: then ? (kep.milestones[then] ?? null) : null, pending: { stage, version: since } };
}

/** "1.31 (released 2024-08-13)" or "1.37 (planned for 2026-08-26)". */
export function versionWhen(index: EngineIndex, version: string, now: Date): string {
  const release = index.release.get(version);
  if (!release?.gaDate) return version;
  return isShipped(release, now)
    ? `${version} (released ${release.gaDate})`
    : `${version} (planned for ${release.gaDate})`;
}

export interface SupportStatus {
  state: 'unreleased' | 'supported' | 'maintenance' | 'eol' | 'unknown';
  text: string;
}

/** Where a release stands at `now` (the domain's supportState), in words. */
export function supportStatus(index: EngineIndex, release: Release, now: Date): SupportStatus {
  const state = supportState(release, index.releases, isoDay(now));
  const eol = release.eolDate ?? 'a date not in the data';
  switch (state) {
    case 'unreleased':
      return {
        state,
        text: release.gaDate
          ? `not released yet (planned for ${release.gaDate})`
          : 'not released yet (no date in the data)',
      };
    case 'unconfirmed':
      return {
        state: 'unknown',
        text: `planned for ${release.gaDate}; the data does not confirm it shipped, and has no support dates yet`,
      };
    case 'eol':
      return release.eolDate && release.eolDate <= isoDay(now)
        ? { state, text: `end of life (since ${release.eolDate})` }
        : {
            state,
            text: `out of support (no end-of-life date in the data; the project maintains only the ${SUPPORTED_MINORS} newest minor releases)`,
          };
    case 'maintenance':
      return {
        state,
        text: `in maintenance mode since ${release.maintenanceModeDate} (critical and security fixes only) until end of life on ${eol}`,
      };
    case 'supported':
      return release.eolDate
        ? {
            state,
            text: `supported: standard support until ${release.maintenanceModeDate ?? 'a date not in the data'}, end of life on ${release.eolDate}`,
          }
        : { state, text: 'supported (no end-of-life date in the data yet)' };
  }
}

/** The newest patch out at `now`: the domain's latestPatchAsOf. */
export const latestPatchAt = (release: Release, now: Date): { version: string; date: string } | null =>
  latestPatchAsOf(release, isoDay(now));

/** The release lead: as the announcement names them, else the first lead on the release team list. */
export function releaseLead(index: EngineIndex, release: Release): string | null {
  return (
    release.announcement?.releaseLead ??
    index.team.get(release.version)?.roles.find((role) => role.key === 'lead')?.leads[0]?.name ??
    null
  );
}

export function codenamed(release: Release): string {
  const codename = release.announcement?.codename;
  return codename ? `Kubernetes ${release.version} “${codename}”` : `Kubernetes ${release.version}`;
}

export function enhancementCounts(release: Release): string | null {
  const counts = release.announcement?.enhancements;
  if (!counts || counts.total == null) return null;
  const parts = [
    counts.stable != null ? `${counts.stable} stable` : null,
    counts.beta != null ? `${counts.beta} beta` : null,
    counts.alpha != null ? `${counts.alpha} alpha` : null,
  ].filter(Boolean);
  return `${counts.total}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}

export function releasedText(release: Release, now: Date): string {
  if (!release.gaDate) return 'no release date in the data';
  if (!isReleased(release, now)) return `planned for ${formatDate(release.gaDate)}`;
  return release.gaDateKind === 'planned'
    ? `planned for ${formatDate(release.gaDate)} (not confirmed by the data)`
    : formatDate(release.gaDate);
}

/** Notes from parsing the question (typos read as keywords, truncation, dropped mentions). */
export function parseNoteLines(notes: {
  corrections: Array<{ from: string; to: string }>;
  truncated: boolean;
  stripped: boolean;
}): string[] {
  const lines: string[] = [];
  if (notes.corrections.length > 0)
    lines.push(`Read ${notes.corrections.map((c) => `“${quote(c.from, 30)}” as “${c.to}”`).join(', ')}.`);
  if (notes.truncated) lines.push(`Your message was long; I read only its first ${MAX_QUESTION_CHARS} characters.`);
  return lines;
}
