import type { Answer, AnswerIntent } from '../domain/answer.ts';
import { isPastGaDate, isShipped as isShippedOn, type Release } from '../domain/release.ts';
import { minorNumber } from '../domain/version.ts';
import type { EngineIndex } from './engine-index.ts';
import { formatDate, isoDay } from '../domain/dates.ts';
import { makeAnswer } from '../domain/answer-builders.ts';
import { memoForObject } from '../domain/memo.ts';
import type { VersionRef } from './query.ts';

export type Resolution =
  | {
      ok: true;
      release: Release;
      /** The patch release the user named ("1.31.2"), if any. */
      patch: string | null;
      /** How a relative reference was read, e.g. "1.31 is the latest release as of 2024-09-01". */
      note: string | null;
    }
  | { ok: false; answer: Answer };

/** Whether the release's x.y.0 date has come at `now` (confirmed or planned): the domain's isPastGaDate. */
export const isReleased = (release: Release, now: Date): boolean => isPastGaDate(release, isoDay(now));

/** Whether a release record confirms it shipped by `now`: the domain's isShipped. */
export const isShipped = (release: Release, now: Date): boolean => isShippedOn(release, isoDay(now));

const beforeAnnouncement = memoForObject((release: Release): Release => ({ ...release, announcement: null }));

/**
 * The release as it could be known at `now`: before it has shipped, its announcement (published on
 * the release day, with the final counts, codename and lists) did not exist yet.
 */
export function releaseAsOf(release: Release, now: Date): Release {
  if (!release.announcement || isShipped(release, now)) return release;
  return beforeAnnouncement(release);
}

/**
 * The latest release at `now` (the domain's latestRelease): the index keeps the releases oldest first, so it is the
 * last one whose GA day has passed.
 */
export function latestReleased(index: EngineIndex, now: Date): Release | null {
  const today = isoDay(now);
  const { releases } = index;
  for (let at = releases.length - 1; at >= 0; at--) if (isPastGaDate(releases[at]!, today)) return releases[at]!;
  return null;
}

/** The release before `version` in the data; null for the first release or a version the data does not have. */
export function previousRelease(index: EngineIndex, version: string): Release | null {
  const at = index.releases.findIndex((release) => release.version === version);
  return at > 0 ? index.releases[at - 1]! : null;
}

/** The release whose cycle is under way at `now`: the first one not yet out, or the latest when the data has none. */
function currentCycle(index: EngineIndex, now: Date): Release | null {
  return index.releases.find((release) => !isReleased(release, now)) ?? latestReleased(index, now);
}

const coveredReleases = (index: EngineIndex): string => `${index.oldest} to ${index.newest}`;

/** "(data as of 2026-08-22)" */
const asOf = (index: EngineIndex): string => `(data as of ${index.dataset.manifest.dataDate})`;

const REFRESH_HINT = 'an operator can refresh the data with `npm run sync`.';

/** A caveat for a release whose GA date is only the planned one and has passed. */
export function plannedCaveat(index: EngineIndex, release: Release, now: Date): string | null {
  if (release.gaDateKind !== 'planned' || !release.gaDate || release.gaDate > isoDay(now)) return null;
  const unconfirmed = `the data (as of ${index.dataset.manifest.dataDate}) does not confirm it shipped`;
  return `Kubernetes ${release.version} was planned for ${release.gaDate}, but ${unconfirmed}; ${REFRESH_HINT}`;
}

/** Why a release's lists are plans: its planned date has passed unconfirmed, or it is not out yet at `now`. */
export function notShippedCaveat(index: EngineIndex, release: Release, now: Date): string | null {
  const planned = plannedCaveat(index, release, now);
  if (planned || isShipped(release, now)) return planned;
  const plan = release.gaDate ? `: it is planned for ${formatDate(release.gaDate)}` : ' (the data has no release date)';
  return `Kubernetes ${release.version} is not out yet as of ${isoDay(now)}${plan}.`;
}

/**
 * Turns what the user wrote into a release the data has. `fallback` says what no version means:
 * the latest release out at `now`, or the cycle in progress (schedules and teams).
 */
export function resolveVersion(
  index: EngineIndex,
  ref: VersionRef | null,
  now: Date,
  intent: AnswerIntent,
  fallback: 'latest' | 'cycle' = 'latest',
): Resolution {
  const resolution = resolveRelease(index, ref, now, intent, fallback);
  return resolution.ok ? { ...resolution, release: releaseAsOf(resolution.release, now) } : resolution;
}

function resolveRelease(
  index: EngineIndex,
  ref: VersionRef | null,
  now: Date,
  intent: AnswerIntent,
  fallback: 'latest' | 'cycle',
): Resolution {
  const today = isoDay(now);
  const latest = latestReleased(index, now);
  const which =
    ref?.kind === 'relative' ? ref.which : ref === null ? (fallback === 'cycle' ? 'current' : 'latest') : null;

  if (which !== null) {
    if (!latest) return { ok: false, answer: beforeFirst(index, intent, now) };
    const at = index.releases.indexOf(latest);
    if (which === 'latest' || (which === 'current' && fallback === 'latest')) {
      return { ok: true, release: latest, patch: null, note: `${latest.version} is the latest release as of ${today}` };
    }
    if (which === 'current') {
      const cycle = currentCycle(index, now)!;
      const note =
        cycle === latest
          ? `${cycle.version} is the latest release as of ${today}; the data has no later cycle`
          : `${cycle.version} is the release cycle under way as of ${today}`;
      return { ok: true, release: cycle, patch: null, note };
    }
    if (which === 'previous') {
      const previous = index.releases[at - 1];
      if (!previous)
        return { ok: false, answer: unknownVersion(index, intent, `the release before ${latest.version}`) };
      return {
        ok: true,
        release: previous,
        patch: null,
        note: `${previous.version} is the release before the latest (${latest.version}) as of ${today}`,
      };
    }
    const next = index.releases[at + 1];
    if (!next) return { ok: false, answer: notCovered(index, intent, `1.${minorNumber(latest.version) + 1}`) };
    return {
      ok: true,
      release: next,
      patch: null,
      note: `${next.version} is the next release after ${latest.version} as of ${today}`,
    };
  }

  const exact = ref as Extract<VersionRef, { kind: 'exact' }>;
  const release = index.releaseByVersion.get(exact.minor);
  if (release) return { ok: true, release, patch: exact.patch, note: null };
  const [major, minor] = exact.minor.split('.').map(Number) as [number, number];
  const newest = minorNumber(index.newest);
  if (major === 1 && minor > newest && minor <= newest + 3)
    return { ok: false, answer: notCovered(index, intent, exact.minor) };
  return { ok: false, answer: unknownVersion(index, intent, exact.minor) };
}

function unknownVersion(index: EngineIndex, intent: AnswerIntent, what: string): Answer {
  return makeAnswer(index.footer, {
    intent,
    title: `Unknown release: ${what}`,
    summary: `I don't know Kubernetes ${what}. The data covers releases ${coveredReleases(index)} ${asOf(index)}.`,
    suggestions: [
      `tell me about ${index.newest}`,
      "what's in the latest release",
      'which versions are supported',
      'help',
    ],
  });
}

function notCovered(index: EngineIndex, intent: AnswerIntent, minor: string): Answer {
  return makeAnswer(index.footer, {
    intent,
    title: `Kubernetes ${minor} is not in the data yet`,
    summary:
      `Kubernetes ${minor} is not in the data yet: it covers releases up to ${index.newest} ${asOf(index)}. ` +
      'An operator can fetch newer data with `npm run sync`.',
    suggestions: [`tell me about ${index.newest}`, `${index.newest} schedule`, 'when is the next release'],
  });
}

/** "; the first, 1.0, came out on 2015-07-10 (Friday)" when the data dates the first release. */
const firstReleaseClause = (first: Release): string =>
  first.gaDate ? `; the first, ${first.version}, came out on ${formatDate(first.gaDate)}` : '';

function beforeFirst(index: EngineIndex, intent: AnswerIntent, now: Date): Answer {
  const first = index.releases[0];
  return makeAnswer(index.footer, {
    intent,
    title: 'No release yet',
    summary: `No Kubernetes release had shipped by ${isoDay(now)}${first ? firstReleaseClause(first) : ''}.`,
    suggestions: first ? [`tell me about ${first.version}`] : [],
  });
}
