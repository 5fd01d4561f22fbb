import type { Answer, AnswerFact, AnswerVerdict } from '../../domain/answer.ts';
import { PLATFORM_PHASES, type Platform, type PlatformCycle, type PlatformPhase } from '../../domain/platform.ts';
import type { EngineIndex } from '../engine-index.ts';
import { fact, makeAnswer, section } from '../../domain/answer-builders.ts';
import { formatDate, isoDay, relative } from '../../domain/dates.ts';
import { MANAGED_PLATFORM_EXAMPLES, type ManagedPlatformQuery } from '../kinds/managed-platform.ts';

type Standing =
  | { phase: PlatformPhase; until: string | null }
  | { phase: 'upcoming'; from: string }
  | { phase: 'ended'; last: { phase: PlatformPhase; since: string } | null };

/** The phase a cycle is in on `today`: an end date is the first day out of that phase. */
export function standingAt(cycle: PlatformCycle, today: string): Standing {
  if (cycle.releaseDate && cycle.releaseDate > today) return { phase: 'upcoming', from: cycle.releaseDate };
  for (const phase of PLATFORM_PHASES) {
    const end = cycle.ends[phase];
    if (end && end > today) return { phase, until: end };
  }
  const last = [...PLATFORM_PHASES].reverse().find((phase) => cycle.ends[phase] !== null);
  return { phase: 'ended', last: last ? { phase: last, since: cycle.ends[last]! } : null };
}

function phaseName(platform: Platform, phase: PlatformPhase): string {
  return platform.phases[phase] ?? phase;
}

/** "in standard support until 2026-07-29 (in 8 months)" */
function standingText(platform: Platform, cycle: PlatformCycle, now: Date): string {
  const standing = standingAt(cycle, isoDay(now));
  if (standing.phase === 'upcoming') return `not available yet (release on ${standing.from})`;
  if (standing.phase === 'ended') {
    // The last phase the data has: "out of standard support" where a platform's extended dates are missing.
    return standing.last
      ? `out of ${phaseName(platform, standing.last.phase)} since ${standing.last.since}`
      : 'without support dates in the data';
  }
  const until = standing.until ? ` until ${standing.until} (${relative({ date: standing.until, at: null }, now)})` : '';
  return `in ${phaseName(platform, standing.phase)}${until}`;
}

/** The cycle's newest build as known at `today`: a build dated later did not exist yet. */
function latestFact(cycle: PlatformCycle, today: string): AnswerFact[] {
  const latest = cycle.latest;
  if (!latest || (latest.date && latest.date > today) || (!latest.date && upcoming(cycle, today))) return [];
  return [fact('Latest version', `${latest.version}${latest.date ? ` (${latest.date})` : ''}`, latest.version)];
}

const upcoming = (cycle: PlatformCycle, today: string): boolean => standingAt(cycle, today).phase === 'upcoming';

/** The cycle's dates as facts; before the cycle is out, each is a plan and its label says so. */
function cycleFacts(platform: Platform, cycle: PlatformCycle, now: Date): AnswerFact[] {
  const today = isoDay(now);
  const planned = upcoming(cycle, today);
  const dated = (label: string, date: string | null) =>
    date
      ? [
          fact(
            planned ? `${label} (planned)` : label,
            `${formatDate(date)}, ${relative({ date, at: null }, now)}`,
            date,
          ),
        ]
      : [];
  return [
    fact('Status', standingText(platform, cycle, now), standingAt(cycle, today).phase),
    ...dated(planned ? 'Release' : 'Released', cycle.releaseDate),
    ...PLATFORM_PHASES.flatMap((phase) =>
      platform.phases[phase] ? dated(`End of ${phaseName(platform, phase)}`, cycle.ends[phase]) : [],
    ),
    ...latestFact(cycle, today),
  ];
}

/** Whether the cycle is supported at `today`, as a yes/no question about it wants it. */
function standingVerdict(cycle: PlatformCycle, today: string): AnswerVerdict {
  const phase = standingAt(cycle, today).phase;
  return phase === 'upcoming' ? 'not-yet' : phase === 'ended' ? 'no' : 'yes';
}

function dataNote(index: EngineIndex): string {
  const source = index.dataset.manifest.sources.find((entry) => entry.folder === 'endoflife.date');
  return `endoflife.date${source?.commitDate ? ` as of ${source.commitDate}` : ''}`;
}

function platformLinks(platform: Platform) {
  return [
    { label: `${platform.shortName} version support policy`, url: platform.policyUrl },
    { label: `${platform.name} on endoflife.date`, url: platform.url },
  ];
}

/** "1.17–1.36" or "4.1–4.22": the cycles a platform's data covers. */
function coverage(platform: Platform): string {
  const sorted = [...platform.cycles].sort((a, b) => compareCycle(a.cycle, b.cycle));
  return `${sorted[0]!.cycle}–${sorted.at(-1)!.cycle}`;
}

function compareCycle(a: string, b: string): number {
  const [am, an] = a.split('.').map(Number) as [number, number];
  const [bm, bn] = b.split('.').map(Number) as [number, number];
  return am - bm || an - bn;
}

export function managedPlatform(query: ManagedPlatformQuery, index: EngineIndex, now: Date): Answer {
  if (query.platform === null) return query.cycle ? acrossPlatforms(index, query.cycle, now) : platformList(index, now);
  const platform = index.dataset.platforms.find((entry) => entry.id === query.platform);
  if (!platform) return noPlatform(index, query.platform);
  if (query.ask === 'extended-list') return extendedList(index, platform, now);
  if (query.cycle === null || query.ask === 'supported') return supportedCycles(index, platform, now);
  const cycle = platform.cycles.find((entry) => entry.cycle === query.cycle);
  if (!cycle) return noCycle(index, platform, query.cycle);
  if (query.ask === 'standard-end') return standardEnd(index, platform, cycle, now);
  if (query.ask === 'extended') return extended(index, platform, cycle, now);
  return status(index, platform, cycle, now);
}

function answer(
  index: EngineIndex,
  platform: Platform,
  cycle: PlatformCycle,
  now: Date,
  title: string,
  summary: string,
  verdict: AnswerVerdict,
): Answer {
  return makeAnswer(index.footer, {
    intent: 'managed-platform',
    title,
    summary,
    verdict,
    release: cycle.kubernetes,
    facts: cycleFacts(platform, cycle, now),
    links: [
      ...(cycle.link ? [{ label: `${platform.shortName} ${cycle.cycle} release`, url: cycle.link }] : []),
      ...platformLinks(platform),
    ],
    suggestions: [
      `which ${platform.shortName} versions are supported`,
      ...(cycle.kubernetes ? [`is ${cycle.kubernetes} still supported`] : []),
    ],
  });
}

function status(index: EngineIndex, platform: Platform, cycle: PlatformCycle, now: Date): Answer {
  const today = isoDay(now);
  const standing = `${platform.shortName} ${cycle.cycle} is ${standingText(platform, cycle, now)}`;
  const summary = `${standing} as of ${today} (${dataNote(index)}).`;
  const title = `${platform.name} ${cycle.cycle}`;
  return answer(index, platform, cycle, now, title, summary, standingVerdict(cycle, today));
}

const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** " Extended support runs until 2026-07-23." where the platform has that phase and the cycle a date for it. */
function extendedAfter(platform: Platform, cycle: PlatformCycle, planned: boolean): string {
  const name = platform.phases.extended ? phaseName(platform, 'extended') : null;
  if (!cycle.ends.extended || !name) return '';
  return ` ${capitalised(name)} ${planned ? 'is planned to run' : 'runs'} until ${cycle.ends.extended}.`;
}

/**
 * When the cycle leaves standard support. Before the cycle is out (as of `now`), that end is a plan: the answer
 * says the cycle is not available yet and gives the planned dates as plans.
 */
function standardEndSentence(index: EngineIndex, platform: Platform, cycle: PlatformCycle, now: Date): string {
  const today = isoDay(now);
  const name = phaseName(platform, 'standard');
  const end = cycle.ends.standard;
  const label = `${platform.shortName} ${cycle.cycle}`;
  if (!end) return `The data (${dataNote(index)}) has no end of ${name} for ${label}.`;
  const when = `${formatDate(end)}, ${relative({ date: end, at: null }, now)}`;
  if (upcoming(cycle, today)) {
    const notYet = `${label} is ${standingText(platform, cycle, now)} as of ${today}`;
    return `${notYet}; its end of ${name} is planned for ${when}.${extendedAfter(platform, cycle, true)}`;
  }
  const verb = end <= today ? 'left' : 'leaves';
  return `${label} ${verb} ${name} on ${when}.${extendedAfter(platform, cycle, false)}`;
}

function standardEnd(index: EngineIndex, platform: Platform, cycle: PlatformCycle, now: Date): Answer {
  const today = isoDay(now);
  const end = cycle.ends.standard;
  const title = `${platform.name} ${cycle.cycle}: end of ${phaseName(platform, 'standard')}`;
  const summary = standardEndSentence(index, platform, cycle, now);
  // "Is EKS 1.30 out of standard support?": yes once the end has passed.
  const verdict = end && end <= today && !upcoming(cycle, today) ? 'yes' : 'no';
  return answer(index, platform, cycle, now, title, summary, verdict);
}

/** Whether the cycle is in the platform's extended (or long-term) support at `now`, and what that phase is. */
function extendedSentence(
  index: EngineIndex,
  platform: Platform,
  cycle: PlatformCycle,
  now: Date,
): { verdict: AnswerVerdict; summary: string } {
  const name = platform.phases.extended;
  const label = `${platform.shortName} ${cycle.cycle}`;
  const standing = standingText(platform, cycle, now);
  const end = cycle.ends.extended;
  if (!name)
    return {
      verdict: 'no',
      summary: `The data has no extended-support phase for ${platform.name}: ${label} is ${standing}.`,
    };
  if (!end)
    return {
      verdict: 'no',
      summary: `No — the data (${dataNote(index)}) has no ${name} for ${label}; it is ${standing}.`,
    };
  if (standingAt(cycle, isoDay(now)).phase === 'extended') {
    const until = `${formatDate(end)}, ${relative({ date: end, at: null }, now)}`;
    return { verdict: 'yes', summary: `Yes — ${label} is in ${name} until ${until}.` };
  }
  const ends = end <= isoDay(now) ? 'ended' : upcoming(cycle, isoDay(now)) ? 'is planned to run until' : 'runs until';
  return { verdict: 'no', summary: `No — ${label} is ${standing}; its ${name} ${ends} ${end}.` };
}

function extended(index: EngineIndex, platform: Platform, cycle: PlatformCycle, now: Date): Answer {
  const { verdict, summary } = extendedSentence(index, platform, cycle, now);
  const title = `${platform.name} ${cycle.cycle}: ${platform.phases.extended ?? 'extended support'}`;
  return answer(index, platform, cycle, now, title, summary, verdict);
}

/** "1.36, 1.35, 1.34": cycles newest first. */
const newestFirst = (cycles: readonly PlatformCycle[]): string =>
  cycles
    .map((cycle) => cycle.cycle)
    .reverse()
    .join(', ');

function extendedList(index: EngineIndex, platform: Platform, now: Date): Answer {
  const name = platform.phases.extended;
  const today = isoDay(now);
  const withExtended = platform.cycles.filter((cycle) => cycle.ends.extended !== null);
  const current = withExtended.filter((cycle) => cycle.ends.extended! > today && (cycle.releaseDate ?? '') <= today);
  const phase = name ?? 'extended or long-term support';
  const covered = current.length
    ? `${newestFirst(current)} ${current.length === 1 ? 'is' : 'are'} still covered`
    : 'none is still covered';
  const summary =
    !name || withExtended.length === 0
      ? `The data (${dataNote(index)}) has no ${phase} for any ${platform.name} version.`
      : `${withExtended.length} ${platform.shortName} versions have ${name} in the data: ` +
        `${newestFirst(withExtended)}. ` +
        `As of ${today}, ${covered}.`;
  return makeAnswer(index.footer, {
    intent: 'managed-platform',
    title: `${platform.name}: versions with ${name ?? 'extended support'}`,
    summary,
    verdict: name && withExtended.length > 0 ? 'yes' : 'no',
    facts: withExtended.map((cycle) =>
      fact(
        cycle.cycle,
        `${name} until ${cycle.ends.extended} · ${standingText(platform, cycle, now)}`,
        cycle.ends.extended,
      ),
    ),
    links: platformLinks(platform),
    suggestions: withExtended.slice(0, 2).map((cycle) => `is ${cycle.cycle} on ${name} in ${platform.shortName}`),
  });
}

/** Cycles out and not past their last support phase on `today`, newest first. */
function liveCycles(platform: Platform, today: string): PlatformCycle[] {
  return platform.cycles.filter((cycle) => {
    const phase = standingAt(cycle, today).phase;
    return phase !== 'ended' && phase !== 'upcoming';
  });
}

function supportedCycles(index: EngineIndex, platform: Platform, now: Date): Answer {
  const today = isoDay(now);
  const live = liveCycles(platform, today);
  const summary = live.length
    ? `As of ${today}, ${platform.shortName} supports ${newestFirst(live)} (${dataNote(index)}).`
    : `No ${platform.name} version in the data (${dataNote(index)}) is supported as of ${today}; ` +
      'the data may be out of date.';
  return makeAnswer(index.footer, {
    intent: 'managed-platform',
    title: `${platform.name}: supported versions`,
    summary,
    verdict: live.length ? 'yes' : 'no',
    facts: live.map((cycle) => fact(cycle.cycle, standingText(platform, cycle, now), standingAt(cycle, today).phase)),
    links: platformLinks(platform),
    suggestions: live
      .slice(0, 2)
      .map((cycle) => `when does ${platform.shortName} ${cycle.cycle} leave ${phaseName(platform, 'standard')}`),
  });
}

function acrossPlatforms(index: EngineIndex, cycleText: string, now: Date): Answer {
  const rows = index.dataset.platforms.flatMap((platform) => {
    const cycle =
      platform.numbering === 'kubernetes' ? platform.cycles.find((entry) => entry.cycle === cycleText) : undefined;
    return cycle ? [{ platform, cycle }] : [];
  });
  const missing = index.dataset.platforms.filter((platform) => !rows.some((row) => row.platform === platform));
  const standings = rows.map(({ platform, cycle }) => `${platform.shortName} ${standingText(platform, cycle, now)}`);
  const summary = rows.length
    ? `Kubernetes ${cycleText} on managed platforms as of ${isoDay(now)}: ${standings.join('; ')}.`
    : `No managed platform in the data (${dataNote(index)}) has a Kubernetes ${cycleText} cycle.`;
  return makeAnswer(index.footer, {
    intent: 'managed-platform',
    title: `Kubernetes ${cycleText} on managed platforms`,
    summary,
    release: cycleText,
    sections: [
      ...rows.map(({ platform, cycle }) => section(platform.name, { facts: cycleFacts(platform, cycle, now) })),
      ...(missing.length
        ? [section('Not in the data', { lines: missing.map((platform) => notListedLine(platform, cycleText)) })]
        : []),
    ],
    links: rows.map(({ platform }) => ({ label: `${platform.name} on endoflife.date`, url: platform.url })),
    suggestions: rows.slice(0, 2).map(({ platform }) => `which ${platform.shortName} versions are supported`),
  });
}

function notListedLine(platform: Platform, cycleText: string): string {
  if (platform.numbering === 'own')
    return `${ownNumbering(platform)} Ask about ${platform.shortName} ${newestCycle(platform)}, for example.`;
  return `${platform.shortName}: no ${cycleText} cycle (the data covers ${coverage(platform)}).`;
}

const newestCycle = (platform: Platform): string =>
  [...platform.cycles].sort((a, b) => compareCycle(b.cycle, a.cycle))[0]!.cycle;

function ownNumbering(platform: Platform): string {
  return (
    `${platform.name} numbers its releases ${coverage(platform)}, ` +
    'and the data does not say which Kubernetes minor each one ships.'
  );
}

function platformList(index: EngineIndex, now: Date): Answer {
  const platforms = index.dataset.platforms;
  return makeAnswer(index.footer, {
    intent: 'managed-platform',
    title: 'Managed Kubernetes platforms',
    summary:
      `The data (${dataNote(index)}) has support dates for ${platforms.map((entry) => entry.shortName).join(', ')}: ` +
      'ask about one of them and a version.',
    facts: platforms.map((platform) => {
      const live = liveCycles(platform, isoDay(now))
        .map((cycle) => cycle.cycle)
        .reverse();
      return fact(
        platform.name,
        `${platform.cycles.length} cycles, ${coverage(platform)}; supported now: ${live.join(', ') || 'none'}`,
        platform.id,
      );
    }),
    suggestions: MANAGED_PLATFORM_EXAMPLES,
  });
}

function noCycle(index: EngineIndex, platform: Platform, cycleText: string): Answer {
  const kubernetesAsked = platform.numbering === 'own' && cycleText.startsWith('1.');
  const summary = kubernetesAsked
    ? `${ownNumbering(platform)} So there is no “${platform.shortName} ${cycleText}” in the data; ` +
      `ask about ${platform.shortName} ${newestCycle(platform)}, for example.`
    : `The data (${dataNote(index)}) has no ${platform.name} ${cycleText} cycle: it covers ${coverage(platform)}.`;
  return makeAnswer(index.footer, {
    intent: 'managed-platform',
    title: `No ${platform.shortName} ${cycleText} in the data`,
    summary,
    links: platformLinks(platform),
    suggestions: [
      `which ${platform.shortName} versions are supported`,
      `${platform.shortName} ${newestCycle(platform)}`,
    ],
  });
}

function noPlatform(index: EngineIndex, id: string): Answer {
  return makeAnswer(index.footer, {
    intent: 'managed-platform',
    title: `No data for ${id}`,
    summary: `The data has no support dates for ${id}; it covers ${platformNames(index)}.`,
    suggestions: MANAGED_PLATFORM_EXAMPLES,
  });
}

const platformNames = (index: EngineIndex): string =>
  index.dataset.platforms.map((platform) => platform.name).join(', ');
