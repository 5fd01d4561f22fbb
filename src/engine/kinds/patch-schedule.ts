import { z } from 'zod';
import type { Answer, AnswerVerdict } from '../../domain/answer.ts';
import type { Release } from '../../domain/release.ts';
import type { EngineIndex } from '../engine-index.ts';
import { daysBetween, formatDate, isoDay } from '../../domain/dates.ts';
import { fact, makeAnswer, section } from '../../domain/answer-builders.ts';
import { ParseNotes, VersionRef } from '../refs.ts';
import type { Question } from '../understand/question.ts';
import { resolveVersion } from '../versions.ts';
import { type QuestionKind, SCORE, words } from './kind.ts';

/** "next 1.36 patch date?", "cherry-pick cutoff for the June patches", "when did 1.34.3 ship". */
export const PatchScheduleQuery = z.object({
  kind: z.literal('patch-schedule'),
  /** A minor ("next 1.36 patch") or a patch release ("when did 1.34.3 ship"). */
  version: VersionRef.nullable(),
  /** A month the user named ("the June patches"), 1–12, with the year when given. */
  month: z.object({ month: z.number().int().min(1).max(12), year: z.number().int().nullable() }).nullable(),
  /** An exact day ("the patch on Jun 9th"). */
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
  /** "the next one after 2026-06-09": the first planned date after `date`. */
  after: z.boolean().default(false),
  /** "latest / final patch of 1.27": the newest patch the data has. */
  latest: z.boolean().default(false),
  notes: ParseNotes,
});
export type PatchScheduleQuery = z.infer<typeof PatchScheduleQuery>;

const PATCH_RELEASES_URL = 'https://kubernetes.io/releases/patch-releases/';
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

interface PlannedDate {
  cherryPickDeadline: string | null;
  targetDate: string;
  versions: string[];
}

/** Every planned patch date: the schedule's "next" patches and its upcoming monthly dates, one row per day. */
function plannedDates(index: EngineIndex): PlannedDate[] {
  const byDay = new Map<string, PlannedDate>();
  const { patchSchedule } = index.dataset;
  for (const row of patchSchedule.upcoming) byDay.set(row.targetDate, { ...row, versions: [] });
  for (const entry of patchSchedule.entries) {
    const day = byDay.get(entry.targetDate) ?? {
      cherryPickDeadline: entry.cherryPickDeadline,
      targetDate: entry.targetDate,
      versions: [],
    };
    day.versions.push(entry.version);
    day.cherryPickDeadline ??= entry.cherryPickDeadline;
    byDay.set(entry.targetDate, day);
  }
  return [...byDay.values()].sort((a, b) => (a.targetDate < b.targetDate ? -1 : 1));
}

/** When a patch shipped, by the release data (endoflife-date/release-data). */
function shipped(index: EngineIndex, version: string): string | null {
  const minor = version.split('.').slice(0, 2).join('.');
  return index.releaseByVersion.get(minor)?.patches.find((patch) => patch.version === version)?.date ?? null;
}

const dataNote = (index: EngineIndex) => {
  const { patchSchedule, manifest } = index.dataset;
  const updated = patchSchedule.lastListedPatch ?? 'an unknown date';
  return (
    `The patch schedule (kubernetes/website schedule.yaml) was last updated around ${updated} ` +
    `and plans dates up to ${patchSchedule.lastDate ?? 'none'}; release data as of ${manifest.dataDate}.`
  );
};

function answer(
  index: EngineIndex,
  title: string,
  summary: string,
  release: string | null,
  facts = [] as ReturnType<typeof fact>[],
  lines: string[] = [],
): Answer {
  return makeAnswer(index.footer, {
    intent: 'patch-schedule',
    title,
    summary,
    release,
    facts,
    sections: [section('About the data', { lines: [...lines, dataNote(index)] })],
    links: [{ label: 'Patch releases (cadence, cherry picks, schedule)', url: PATCH_RELEASES_URL }],
    suggestions: ['when is the next patch release', 'upcoming patch releases and cherry pick deadlines'],
  });
}

function patchRelease(index: EngineIndex, version: string, now: Date): Answer {
  const entry = index.dataset.patchSchedule.entries.find((candidate) => candidate.version === version);
  const date = shipped(index, version);
  const today = isoDay(now);
  const facts = [
    ...(date && date <= today ? [fact('Released', formatDate(date), date)] : []),
    ...(entry ? [fact('Target date (schedule)', formatDate(entry.targetDate), entry.targetDate)] : []),
    ...(entry?.cherryPickDeadline
      ? [fact('Cherry-pick deadline', formatDate(entry.cherryPickDeadline), entry.cherryPickDeadline)]
      : []),
  ];
  const note = entry?.note ? ` The schedule notes: “${entry.note}”` : '';
  const minor = index.releaseByVersion.get(version.split('.').slice(0, 2).join('.'));
  const dataDate = index.dataset.manifest.dataDate;
  let summary: string;
  // "Has 1.34.3 shipped?": yes once released; not yet while its date is ahead; no when the data cannot show it.
  let verdict: AnswerVerdict = 'no';
  if (date && date <= today) {
    summary = `Kubernetes ${version} was released on ${formatDate(date)}${lateness(entry, date)}.${note}`;
    verdict = 'yes';
  } else if (entry && entry.targetDate >= today) {
    const cutoff = entry.cherryPickDeadline
      ? `; the cherry-pick deadline is ${formatDate(entry.cherryPickDeadline)}`
      : '';
    summary = `Kubernetes ${version} is planned for ${formatDate(entry.targetDate)}${cutoff}.${note}`;
    verdict = 'not-yet';
  } else if (entry) {
    summary =
      `Kubernetes ${version} was planned for ${formatDate(entry.targetDate)}, ` +
      `but the release data (as of ${dataDate}) does not show it released.${note}`;
  } else {
    const newest = minor?.latestPatch
      ? `${minor.latestPatch.version} (${minor.latestPatch.date}) as the newest ${minor.version} patch`
      : 'no such release';
    summary =
      `No data for ${version}: the patch schedule does not list it ` +
      `and the release data (as of ${dataDate}) has ${newest}.`;
  }
  if (minor?.eolDate) summary += ` ${endOfLifeNote(minor.version, minor.eolDate, today)}`;
  return { ...answer(index, `Kubernetes ${version}`, summary, minor?.version ?? null, facts), verdict };
}

/** " (the schedule's target was 2025-12-09, 2 days later)", or nothing when the patch came on its day. */
function lateness(entry: { targetDate: string } | undefined, date: string): string {
  if (!entry || entry.targetDate === date) return '';
  const days = Math.abs(daysBetween(entry.targetDate, date));
  const direction = date > entry.targetDate ? 'later' : 'earlier';
  return ` (the schedule's target was ${entry.targetDate}, ${days} days ${direction})`;
}

/** "1.34 reached end of life on 2026-10-27 (Tuesday)." or "1.36 is supported until its end of life 2027-06-28." */
function endOfLifeNote(minor: string, eolDate: string, today: string): string {
  return eolDate < today
    ? `${minor} reached end of life on ${formatDate(eolDate)}.`
    : `${minor} is supported until its end of life ${formatDate(eolDate)}.`;
}

function latestPatch(index: EngineIndex, release: Release, now: Date): Answer {
  const today = isoDay(now);
  const patch = [...release.patches].reverse().find((candidate) => candidate.date <= today);
  const ended = release.eolDate !== null && release.eolDate < today;
  const endOfLife = ended ? ` (${release.version} is end of life since ${formatDate(release.eolDate!)})` : '';
  const summary = patch
    ? `The ${ended ? 'final' : 'latest'} ${release.version} patch is ${patch.version}, ` +
      `released ${formatDate(patch.date)}${endOfLife}.`
    : `The data has no ${release.version} patch released by ${today}.`;
  return answer(
    index,
    `Latest ${release.version} patch`,
    summary,
    release.version,
    patch ? [fact('Latest patch', patch.version, patch.version)] : [],
  );
}

/** "June 2025", "June". */
function monthLabel(month: { month: number; year?: number | null }): string {
  const name = MONTHS[month.month - 1]!;
  return `${name[0]!.toUpperCase()}${name.slice(1)}${month.year ? ` ${month.year}` : ''}`;
}

/** Said when the schedule plans no date after `now`: what it covers, and the newest patch out. */
function noFutureDate(
  index: EngineIndex,
  minor: string | null,
  newest: { version: string; date: string } | null | undefined,
): string {
  const { manifest, patchSchedule } = index.dataset;
  const newestText = newest ? `${newest.version} (${formatDate(newest.date)})` : 'unknown';
  return (
    `The data has no future patch date${minor ? ` for ${minor}` : ''} (data as of ${manifest.dataDate}): ` +
    `the schedule plans dates only up to ${patchSchedule.lastDate ?? 'none'}. ` +
    `The newest ${minor ? `${minor} ` : ''}patch in the release data is ${newestText}; ` +
    'patches usually come monthly — see kubernetes.io/releases/patch-releases.'
  );
}

const cherryPickNote = (day: PlannedDate): string =>
  day.cherryPickDeadline ? ` (cherry-pick deadline ${formatDate(day.cherryPickDeadline)})` : '';

const describeDay = (day: PlannedDate) =>
  `${formatDate(day.targetDate)}${cherryPickNote(day)}${day.versions.length ? `: ${day.versions.join(', ')}` : ''}`;

/** The supported minors still getting patches on `day` (not past end of life). */
const patchedOn = (release: Release, day: string) => !release.eolDate || release.eolDate >= day;

function nextPatch(index: EngineIndex, release: Release | null, now: Date): Answer {
  const today = isoDay(now);
  const future = plannedDates(index).filter(
    (day) => day.targetDate >= today && (!release || patchedOn(release, day.targetDate)),
  );
  const latest = release?.latestPatch;
  if (release?.eolDate && release.eolDate < today) {
    return answer(
      index,
      `Patches for ${release.version}`,
      `Kubernetes ${release.version} is end of life (since ${formatDate(release.eolDate)}): it gets no more patches. ` +
        `Its last was ${latest ? `${latest.version} (${formatDate(latest.date)})` : 'not in the data'}.`,
      release.version,
    );
  }
  const next = future[0];
  if (!next) {
    const newest = release
      ? latest
      : index.releases
          .flatMap((entry) => (entry.latestPatch ? [entry.latestPatch] : []))
          .sort((a, b) => (a.date < b.date ? -1 : 1))
          .at(-1);
    return answer(
      index,
      `Next ${release ? `${release.version} ` : ''}patch release`,
      noFutureDate(index, release?.version ?? null, newest),
      release?.version ?? null,
    );
  }
  const version = release ? next.versions.find((candidate) => candidate.startsWith(`${release.version}.`)) : null;
  const cutoff = next.cherryPickDeadline ? `; cherry-pick deadline ${formatDate(next.cherryPickDeadline)}` : '';
  const unnamed = version
    ? ''
    : ' The schedule plans this date for every supported release without naming the version.';
  const summary = release
    ? `The next ${release.version} patch${version ? `, ${version},` : ''} is planned for ` +
      `${formatDate(next.targetDate)}${cutoff}.${unnamed}`
    : `The next patch releases are planned for ${describeDay(next)}.`;
  return answer(
    index,
    `Next ${release ? `${release.version} ` : ''}patch release`,
    summary,
    release?.version ?? null,
    future.slice(0, 4).map((day) => fact(day.targetDate, describeDay(day), day.targetDate)),
  );
}

function byDay(index: EngineIndex, query: PatchScheduleQuery, now: Date): Answer {
  const today = isoDay(now);
  const planned = plannedDates(index);
  const matches = (day: PlannedDate) => {
    if (query.date) return day.targetDate === query.date || day.cherryPickDeadline === query.date;
    const [year, month] = day.targetDate.split('-').map(Number) as [number, number];
    return month === query.month!.month && (query.month!.year === null || year === query.month!.year);
  };
  if (query.after && query.date) {
    const next = planned.find((day) => day.targetDate > query.date!);
    return next
      ? answer(
          index,
          `Patch releases after ${query.date}`,
          `The next patch date after ${formatDate(query.date)} is ${describeDay(next)}.`,
          null,
        )
      : nextPatch(index, null, now);
  }
  let found = planned.filter(matches);
  // "The June patches" without a year: the June nearest `now`, preferring the coming one.
  if (query.month && query.month.year === null && found.length > 1) {
    const years = [...new Set(found.map((day) => day.targetDate.slice(0, 4)))];
    const coming =
      years.find((year) => found.some((day) => day.targetDate.startsWith(year) && day.targetDate >= today)) ??
      years.at(-1)!;
    found = found.filter((day) => day.targetDate.startsWith(coming));
  }
  const label = query.date ? formatDate(query.date) : monthLabel(query.month!);
  // What the release data shows released that month (or day), for the minor asked about if any.
  const minor = query.version?.kind === 'exact' ? query.version.minor : null;
  const released = index.releases
    .filter((release) => !minor || release.version === minor)
    .flatMap((release) => release.patches)
    .filter(
      (patch) =>
        patch.date <= today &&
        (query.date
          ? patch.date === query.date
          : (() => {
              const [year, month] = patch.date.split('-').map(Number) as [number, number];
              return month === query.month!.month && (query.month!.year === null || year === query.month!.year);
            })()),
    );
  const releasedList = released.map((patch) => `${patch.version} (${patch.date})`).join(', ');
  const shippedLine = released.length
    ? ` Released${minor ? '' : ' that month'} per the release data: ${releasedList}.`
    : '';
  if (!found.length)
    return answer(
      index,
      `Patch releases: ${label}`,
      `${released.length ? '' : 'No data: '}the patch schedule has no patch date in ${label} ` +
        `(it covers ${planned[0]?.targetDate ?? '—'} to ${planned.at(-1)?.targetDate ?? '—'}).${shippedLine}`,
      minor,
    );
  const day = found[0]!;
  const tense = day.targetDate >= today ? 'are planned for' : 'were planned for';
  return answer(
    index,
    `Patch releases: ${label}`,
    `The ${label} patch releases ${tense} ${describeDay(day)}.${shippedLine}`,
    minor,
    found.map((entry) => fact(entry.targetDate, describeDay(entry), entry.targetDate)),
  );
}

function upcomingList(index: EngineIndex, now: Date): Answer {
  const today = isoDay(now);
  const future = plannedDates(index).filter((day) => day.targetDate >= today);
  if (!future.length) return nextPatch(index, null, now);
  return answer(
    index,
    'Upcoming patch releases',
    `${future.length} patch date${future.length === 1 ? '' : 's'} planned: ${future.map(describeDay).join('; ')}.`,
    null,
    future.map((day) => fact(day.targetDate, describeDay(day), day.targetDate)),
  );
}

export function patchSchedule(query: PatchScheduleQuery, index: EngineIndex, now: Date): Answer {
  if (query.version?.kind === 'exact' && query.version.patch) return patchRelease(index, query.version.patch, now);
  if (query.date || query.month) return byDay(index, query, now);
  if (!query.version) return upcomingList(index, now);
  const resolved = resolveVersion(index, query.version, now, 'patch-schedule');
  if (!resolved.ok) return resolved.answer;
  if (query.latest) return latestPatch(index, resolved.release, now);
  return withPatchesVerdict(nextPatch(index, resolved.release, now), resolved.release, now);
}

/**
 * "Is 1.33 still getting patches?", "will 1.36 get another patch?": no once the release is past its end of life,
 * yes while a patch date is planned for it; no verdict where the data has no plan to go by.
 */
function withPatchesVerdict(answer: Answer, release: Release, now: Date): Answer {
  const today = isoDay(now);
  if (release.eolDate && release.eolDate < today) return { ...answer, verdict: 'no' };
  return answer.facts.length > 0 ? { ...answer, verdict: 'yes' } : answer;
}

function monthOf(question: Question): PatchScheduleQuery['month'] {
  const match = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b(?:\s+(\d{4}))?/.exec(question.lowered);
  if (!match || (match[1] === 'may' && !/\bmay\s+(\d{4}|patch)/.test(question.lowered))) return null;
  return {
    month: MONTHS.findIndex((name) => name.startsWith(match[1]!)) + 1,
    year: match[2] ? Number(match[2]) : null,
  };
}

const SUPPORT_LASTS =
  /\bstill (get|gets|getting|receiv\w*)\b|\bstops? (receiving|getting)\b|\buntil when\b|\bno (more|longer) (get|getting|receiv\w*)?\s*patch|\bon (our|my|their) own\b/;

/** Every patch, cherry-pick, cut-off, backport and out-of-band cue below holds one of these. */
const MIGHT_ASK_PATCHES = /patch|cherry|cut|backport|band/;

export const patchScheduleKind: QuestionKind<PatchScheduleQuery> = {
  kind: 'patch-schedule',
  intent: 'patch-schedule',
  schema: PatchScheduleQuery,
  recognize: (question) => {
    const { versions } = question.entities;
    // "latest 1.35 patch": the exact version, not the relative "latest".
    const version = versions.find((ref) => ref.kind === 'exact') ?? question.version;
    const patch = version?.kind === 'exact' && version.patch;
    // Without a patch version, every reading below needs a patch or cherry-pick word.
    if (!patch && !MIGHT_ASK_PATCHES.test(question.text)) return null;
    const cherry = question.has(/\bcherry[- ]?picks?\b|\bcut-?off\b|\bbackport\w*\b/);
    const patches = question.has(/\bpatch(es)?\b|\bpatch releases?\b|\bout[- ]of[- ]band\b/);
    const [date] = question.entities.dates;
    const base = {
      kind: 'patch-schedule' as const,
      version: version ?? null,
      month: null,
      date: null,
      after: false,
      latest: false,
    };
    // An x.y.0 is the release itself (the release summary's), unless patches are asked about.
    const gaRelease = typeof patch === 'string' && patch.endsWith('.0') && !patches && !cherry;
    if (
      patch &&
      !gaRelease &&
      (question.has(/\b(when|ship\w*|released?|date|due|out|delay\w*|consolidated|band|why)\b/) || cherry || patches)
    ) {
      return { score: SCORE.certain + 3, query: base };
    }
    if (!patches && !cherry) return null;
    // "Is 1.33 still getting patches?", "when does 1.35 stop receiving patches?": how long support lasts (support).
    if (!cherry && !date && question.has(SUPPORT_LASTS) && !question.has(/\b(next|upcoming|planned|schedul\w*)\b/))
      return null;
    // "latest / final patch of 1.27" competes with the support kind; both answer it.
    if (
      (question.entities.latestPatch || question.has(/\b(latest|last|final|newest)\b/)) &&
      !cherry &&
      !question.has(/\bnext|upcoming|planned|schedul\w*/)
    ) {
      return version?.kind === 'exact' ? { score: SCORE.strong, query: { ...base, latest: true } } : null;
    }
    const month = date ? null : monthOf(question);
    const after = Boolean(date) && question.has(/\b(after|following)\b/);
    return { score: SCORE.certain + 3, query: { ...base, month, date: date ?? null, after } };
  },
  answer: patchSchedule,
  examples: ['next 1.36 patch date / cherry-pick cutoff for the June patches / when did 1.34.3 ship'],
  vocabulary: words(
    'patch patches cherry-pick cherry pick picks cutoff cut-off backport backports deadline ship shipped',
  ),
};
