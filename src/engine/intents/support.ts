import type { Answer, AnswerFact, AnswerSection, AnswerVerdict } from '../../domain/answer.ts';
import { type EolSource, type Release, supportedReleases as supportedOn } from '../../domain/release.ts';
import { compareMinor } from '../../domain/version.ts';
import type { EngineIndex } from '../engine-index.ts';
import { changelogUrl, RELEASES_URL } from '../../domain/links.ts';
import { daysBetween, formatDate, isoDay, relative } from '../../domain/dates.ts';
import { fact, makeAnswer, section } from '../../domain/answer-builders.ts';
import type { SupportQuery } from '../kinds/support.ts';
import { isShipped, plannedCaveat, resolveVersion } from '../versions.ts';
import { latestPatchAt, type SupportStatus, supportStatus } from './release-facts.ts';
import { forwardSuggestion } from './suggestions.ts';

const LINKS = [{ label: 'Kubernetes releases and support dates', url: RELEASES_URL }];
const STALE_DATA_DAYS = 90;

export function support(query: SupportQuery, index: EngineIndex, now: Date): Answer {
  if (query.within) return endingWithin(index, query.within, now);
  if (query.ask === 'list' || (query.ask === 'latest-patch' && query.version === null))
    return supportedList(index, now, query.ask === 'latest-patch');
  const resolved = resolveVersion(index, query.version, now, 'support');
  if (!resolved.ok) return resolved.answer;
  const { release } = resolved;
  if (query.ask === 'latest-patch') return latestPatch(index, release, now);
  if (query.ask === 'eol') return endOfLife(index, release, now);
  return status(index, release, now, resolved.patch);
}

/** Shipped releases not past end of life at `now`, newest first: the domain's supportedReleases. */
export const supportedReleases = (index: EngineIndex, now: Date): readonly Release[] =>
  supportedOn(index.releases, isoDay(now));

const whenFrom = (date: string, now: Date): string => `${formatDate(date)}, ${relative({ date, at: null }, now)}`;

/**
 * The release's dates as facts. Before the release has shipped every date is a plan, and its label says so: a
 * release planned for April has no "Released" date in March, and its end of life is only what the data plans.
 */
function datesFacts(release: Release, now: Date): AnswerFact[] {
  const planned = !isShipped(release, now);
  const label = (name: string) => (planned ? `${name} (planned)` : name);
  const patch = latestPatchAt(release, now);
  const facts: AnswerFact[] = [];
  if (release.gaDate)
    facts.push(fact(planned ? 'Planned release' : 'Released', formatDate(release.gaDate), release.gaDate));
  if (release.maintenanceModeDate)
    facts.push(
      fact(label('Maintenance mode'), whenFrom(release.maintenanceModeDate, now), release.maintenanceModeDate),
    );
  if (release.eolDate) facts.push(fact(label('End of life'), whenFrom(release.eolDate, now), release.eolDate));
  if (patch) facts.push(fact('Latest patch', `${patch.version} (${patch.date})`, patch.version));
  return facts;
}

/** "eol.yaml: 2025-10-28 (planned), last patch named 1.30.14 — <remark>": one source's end-of-life date. */
function sourceLine(source: EolSource): string {
  const planned = source.kind === 'planned' ? ' (planned)' : '';
  const finalPatch = source.finalPatch ? `, last patch named ${source.finalPatch}` : '';
  const note = source.note ? ` — ${source.note}` : '';
  return `${source.source}: ${source.date}${planned}${finalPatch}${note}`;
}

/** The end-of-life sources known at `now`: a date moved by the last patch counts only once that patch shipped. */
const knownSources = (release: Release, now: Date): EolSource[] =>
  release.eolDateSources.filter((source) => !source.source.includes('(last patch') || source.date <= isoDay(now));

/**
 * After the answer, once: where the end-of-life sources disagree (each source's date and remark), and a
 * patch that shipped after the end of life. Only what was known at `now`: a later patch is not mentioned.
 */
function eolCaveats(release: Release, now: Date): AnswerSection[] {
  if (!release.eolDate) return [];
  const known = knownSources(release, now);
  const disagree = new Set(known.map((source) => source.date)).size > 1;
  const lines = disagree ? known.map(sourceLine) : [];
  const patch = latestPatchAt(release, now);
  if (patch && patch.date > release.eolDate) {
    const note = known.find((source) => source.date === release.eolDate && source.note)?.note;
    lines.push(`${patch.version} shipped on ${patch.date}, after the end of life${note ? `: ${note}` : ''}.`);
  }
  return lines.length > 0 ? [section('About the end-of-life date', { lines })] : [];
}

/** "Supported releases as of 2026-12-01: 1.36, 1.35." */
const supportedNow = (supported: readonly string[], now: Date): string =>
  `Supported releases as of ${isoDay(now)}: ${supported.join(', ') || 'none in the data'}.`;

/** The support dates of a release not out yet, said as plans. */
function plannedDates(release: Release): string {
  const dates = [
    release.maintenanceModeDate ? `maintenance mode from ${release.maintenanceModeDate}` : null,
    release.eolDate ? `end of life on ${release.eolDate}` : null,
  ].filter((text) => text !== null);
  return dates.length
    ? ` Its support dates are plans too: ${dates.join(', ')}.`
    : ' The data has no support dates for it.';
}

/** The one-line status answer, led by its verdict; each state says what it means for the user. */
function statusSentence(
  release: Release,
  state: SupportStatus,
  supported: readonly string[],
  now: Date,
): { verdict: AnswerVerdict | null; summary: string } {
  const name = `Kubernetes ${release.version}`;
  switch (state.state) {
    case 'eol':
      return { verdict: 'no', summary: `No — ${name} is ${state.text}. ${supportedNow(supported, now)}` };
    case 'maintenance': {
      const target = supported.find((version) => compareMinor(version, release.version) > 0);
      const plan = `Plan an upgrade to ${target ?? 'a newer release'}.`;
      return { verdict: 'partly', summary: `Only for critical fixes — ${name} is ${state.text}. ${plan}` };
    }
    case 'supported': {
      const latest = latestPatchAt(release, now);
      const patch = latest ? ` Latest patch: ${latest.version} (${latest.date}).` : '';
      return { verdict: 'yes', summary: `Yes — ${name} is ${state.text}.${patch}` };
    }
    case 'unreleased':
      return { verdict: 'not-yet', summary: `Not yet — ${name} is ${state.text}.${plannedDates(release)}` };
    default:
      return { verdict: null, summary: `${name} is ${state.text}.` };
  }
}

/** "1.31.2 is not the latest 1.31 patch; 1.31.4 is." */
function olderPatchNote(release: Release, patch: string | null, now: Date): string {
  const latest = latestPatchAt(release, now);
  return patch && latest && patch !== latest.version
    ? ` ${patch} is not the latest ${release.version} patch; ${latest.version} is.`
    : '';
}

function status(index: EngineIndex, release: Release, now: Date, patch: string | null): Answer {
  const v = release.version;
  const state = supportStatus(index, release, now);
  const supported = supportedReleases(index, now).map((entry) => entry.version);
  const { verdict, summary } = statusSentence(release, state, supported, now);
  return makeAnswer(index.footer, {
    intent: 'support',
    title: `Is Kubernetes ${v} supported?`,
    summary: summary + olderPatchNote(release, patch, now),
    ...(verdict ? { verdict } : {}),
    release: v,
    facts: [fact('Status', state.text, state.state), ...datesFacts(release, now)],
    sections: eolCaveats(release, now),
    links: LINKS,
    suggestions: [
      'which versions are supported',
      `when does ${v} reach end of life`,
      ...forwardSuggestion(v, supported[0] ?? index.newest),
    ],
  });
}

/** "Maintenance mode (critical and security fixes only) began on 2026-04-28." */
function maintenanceSentence(release: Release, now: Date): string {
  if (!release.maintenanceModeDate) return '';
  const began = release.maintenanceModeDate <= isoDay(now) ? 'began' : 'begins';
  return ` Maintenance mode (critical and security fixes only) ${began} on ${release.maintenanceModeDate}.`;
}

/**
 * When the release's support ends. A release not out yet has no end of life to speak of, only a plan: the
 * answer says it is not released and gives the planned dates as plans.
 */
function eolSentence(index: EngineIndex, release: Release, now: Date): { verdict: AnswerVerdict; summary: string } {
  const name = `Kubernetes ${release.version}`;
  const state = supportStatus(index, release, now);
  if (state.state === 'unreleased') {
    const planned = release.eolDate ? ` Its end of life is planned for ${release.eolDate}.` : '';
    return { verdict: 'no', summary: `${name} is ${state.text}, so it has no end of life yet.${planned}` };
  }
  if (!release.eolDate)
    return { verdict: 'no', summary: `The data has no end-of-life date for ${name}; it is ${state.text}.` };
  const passed = release.eolDate <= isoDay(now);
  const when = `${formatDate(release.eolDate)}, ${relative({ date: release.eolDate, at: null }, now)}`;
  return {
    verdict: passed ? 'yes' : 'no',
    summary: `${name} ${passed ? 'reached' : 'reaches'} end of life on ${when}.${maintenanceSentence(release, now)}`,
  };
}

function endOfLife(index: EngineIndex, release: Release, now: Date): Answer {
  const v = release.version;
  const { verdict, summary } = eolSentence(index, release, now);
  return makeAnswer(index.footer, {
    intent: 'support',
    title: `Kubernetes ${v} end of life`,
    summary,
    verdict,
    release: v,
    facts: datesFacts(release, now),
    sections: eolCaveats(release, now),
    links: LINKS,
    suggestions: [`is ${v} still supported`, 'which versions are supported'],
  });
}

function latestPatch(index: EngineIndex, release: Release, now: Date): Answer {
  const v = release.version;
  const patch = latestPatchAt(release, now);
  const state = supportStatus(index, release, now);
  const summary = patch
    ? `The latest Kubernetes ${v} patch is ${patch.version}, released on ${formatDate(patch.date)}. ` +
      `${v} is ${state.text}.`
    : `The data has no ${v} patch release out by ${isoDay(now)}; ${v} is ${state.text}.`;
  const recent = release.patches
    .filter((entry) => entry.date <= isoDay(now))
    .slice(-5)
    .reverse();
  return makeAnswer(index.footer, {
    intent: 'support',
    title: `Latest Kubernetes ${v} patch`,
    summary,
    verdict: patch ? 'yes' : state.state === 'unreleased' ? 'not-yet' : 'no',
    release: v,
    facts: recent.map((entry) => fact(entry.version, entry.date, entry.date)),
    links: [...LINKS, { label: `${v} changelog`, url: changelogUrl(v) }],
    suggestions: [`is ${v} still supported`, `when does ${v} reach end of life`],
  });
}

/** One supported release as a fact: its latest patch and its support dates. */
function supportedFact(index: EngineIndex, release: Release, now: Date): AnswerFact {
  const patch = latestPatchAt(release, now);
  const state = supportStatus(index, release, now);
  const eol = `end of life ${release.eolDate ?? 'unknown'}`;
  const dates =
    state.state === 'maintenance'
      ? `maintenance mode, ${eol}`
      : `maintenance mode ${release.maintenanceModeDate ?? 'unknown'}, ${eol}`;
  const value = [patch ? `latest patch ${patch.version} (${patch.date})` : 'no patch yet', dates].join(' · ');
  return fact(release.version, value, patch?.version ?? release.version);
}

/** " (1.29 in maintenance mode: critical and security fixes only)", or nothing. */
function maintenanceNote(index: EngineIndex, releases: readonly Release[], now: Date): string {
  const maintenance = releases
    .filter((release) => supportStatus(index, release, now).state === 'maintenance')
    .map((release) => release.version);
  return maintenance.length ? ` (${maintenance.join(', ')} in maintenance mode: critical and security fixes only)` : '';
}

/** " Latest patches: 1.36.4, 1.35.7." */
function latestPatchesNote(releases: readonly Release[], now: Date): string {
  const patches = releases.map((release) => latestPatchAt(release, now)?.version ?? `${release.version} (none yet)`);
  return ` Latest patches: ${patches.join(', ')}.`;
}

/** Caveats after the list: releases planned but unconfirmed, and data old enough that newer releases may exist. */
function listCaveats(index: EngineIndex, now: Date): string {
  const unconfirmed = index.releases.map((release) => plannedCaveat(index, release, now)).filter(Boolean);
  const { dataDate } = index.dataset.manifest;
  const staleDays = daysBetween(dataDate, isoDay(now));
  const stale =
    staleDays > STALE_DATA_DAYS
      ? [`The data is ${staleDays} days old (as of ${dataDate}); newer releases may exist.`]
      : [];
  return [...unconfirmed, ...stale].map((line) => ` ${line}`).join('');
}

function supportedListSentence(index: EngineIndex, releases: readonly Release[], now: Date, patches: boolean) {
  const today = isoDay(now);
  if (releases.length === 0) return `No release in the data is supported as of ${today}.`;
  const versions = releases.map((release) => release.version).join(', ');
  const count = `As of ${today}, ${releases.length} Kubernetes minor releases are supported: ${versions}`;
  return `${count}${maintenanceNote(index, releases, now)}.${patches ? latestPatchesNote(releases, now) : ''}`;
}

function supportedList(index: EngineIndex, now: Date, patchesAsked: boolean): Answer {
  const releases = supportedReleases(index, now);
  return makeAnswer(index.footer, {
    intent: 'support',
    title: patchesAsked ? 'Latest patches of supported releases' : 'Supported Kubernetes releases',
    summary: supportedListSentence(index, releases, now, patchesAsked) + listCaveats(index, now),
    verdict: releases.length ? 'yes' : 'no',
    release: releases[0]?.version ?? null,
    facts: releases.map((release) => supportedFact(index, release, now)),
    links: LINKS,
    suggestions: releases.slice(0, 2).map((release) => `is ${release.version} still supported`),
  });
}

/** "Which versions went EOL in 2024", "what goes out of support in Feb 2027": the releases whose end of life falls then. */
function endingWithin(index: EngineIndex, period: NonNullable<SupportQuery['within']>, now: Date): Answer {
  const today = isoDay(now);
  const ending = index.releases.filter(
    (release) => release.eolDate && release.eolDate >= period.from && release.eolDate <= period.to,
  );
  const dated = (release: Release) =>
    `${release.version} (${release.eolDate}${release.eolDate! > today ? ', planned' : ''})`;
  const allPast = ending.every((release) => release.eolDate! <= today);
  const summary = ending.length
    ? `${ending.length === 1 ? 'One Kubernetes minor release' : `${ending.length} Kubernetes minor releases`} ` +
      `${allPast ? 'reached' : ending.length === 1 ? 'reaches' : 'reach'} end of life in ${period.label}: ` +
      `${ending.map(dated).join(', ')}.`
    : `No Kubernetes minor release reaches end of life in ${period.label}, by the data as of ${today}.`;
  return makeAnswer(index.footer, {
    intent: 'support',
    title: `Kubernetes end of life in ${period.label}`,
    summary,
    verdict: ending.length ? 'yes' : 'no',
    release: ending[0]?.version ?? null,
    facts: ending.map((release) =>
      fact(
        `${release.version} end of life`,
        `${formatDate(release.eolDate!)}, ${relative({ date: release.eolDate!, at: null }, now)}`,
      ),
    ),
    links: LINKS,
    suggestions: [
      'which versions are supported',
      ...ending.slice(-1).map((release) => `is ${release.version} still supported`),
    ],
  });
}
