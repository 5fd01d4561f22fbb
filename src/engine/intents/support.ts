import type { Answer, AnswerFact, AnswerSection } from '../../domain/answer.ts';
import { supportedReleases as supportedOn, type Release } from '../../domain/release.ts';
import type { EngineIndex } from '../engine-index.ts';
import { changelogUrl, RELEASES_URL } from '../../domain/links.ts';
import { daysBetween, formatDate, isoDay, relative } from '../../domain/dates.ts';
import { fact, makeAnswer, section } from '../../domain/answer-builders.ts';
import type { SupportQuery } from '../kinds/support.ts';
import { plannedCaveat, resolveVersion } from '../versions.ts';
import { latestPatchAt, supportStatus } from './release-facts.ts';

const LINKS = [{ label: 'Kubernetes releases and support dates', url: RELEASES_URL }];

export function support(query: SupportQuery, index: EngineIndex, now: Date): Answer {
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
export const supportedReleases = (index: EngineIndex, now: Date): Release[] => supportedOn(index.releases, isoDay(now));

function datesFacts(release: Release, now: Date): AnswerFact[] {
  const patch = latestPatchAt(release, now);
  return [
    ...(release.gaDate ? [fact('Released', formatDate(release.gaDate), release.gaDate)] : []),
    ...(release.maintenanceModeDate
      ? [
          fact(
            'Maintenance mode',
            `${formatDate(release.maintenanceModeDate)}, ${relative({ date: release.maintenanceModeDate, at: null }, now)}`,
            release.maintenanceModeDate,
          ),
        ]
      : []),
    ...(release.eolDate
      ? [
          fact(
            'End of life',
            `${formatDate(release.eolDate)}, ${relative({ date: release.eolDate, at: null }, now)}`,
            release.eolDate,
          ),
        ]
      : []),
    ...(patch ? [fact('Latest patch', `${patch.version} (${patch.date})`, patch.version)] : []),
  ];
}

/**
 * After the answer, once: where the end-of-life sources disagree (each source's date and remark), and a
 * patch that shipped after the end of life. Only what was known at `now`: a later patch is not mentioned.
 */
function eolCaveats(release: Release, now: Date): AnswerSection[] {
  if (!release.eolDate) return [];
  const today = isoDay(now);
  const patch = latestPatchAt(release, now);
  // The last patch only moves the date once it has shipped.
  const known = release.eolDateSources.filter(
    (source) => !source.source.includes('(last patch') || source.date <= today,
  );
  const lines =
    new Set(known.map((source) => source.date)).size > 1
      ? known.map(
          (source) =>
            `${source.source}: ${source.date}${source.kind === 'planned' ? ' (planned)' : ''}${source.finalPatch ? `, last patch named ${source.finalPatch}` : ''}${source.note ? ` — ${source.note}` : ''}`,
        )
      : [];
  if (patch && patch.date > release.eolDate) {
    const note = known.find((source) => source.date === release.eolDate && source.note)?.note;
    lines.push(`${patch.version} shipped on ${patch.date}, after the end of life${note ? `: ${note}` : ''}.`);
  }
  return lines.length > 0 ? [section('About the end-of-life date', { lines })] : [];
}

function status(index: EngineIndex, release: Release, now: Date, patch: string | null): Answer {
  const v = release.version;
  const state = supportStatus(index, release, now);
  const supported = supportedReleases(index, now).map((entry) => entry.version);
  const latest = latestPatchAt(release, now);
  let summary: string;
  switch (state.state) {
    case 'eol':
      summary = `No — Kubernetes ${v} is ${state.text}. Supported releases as of ${isoDay(now)}: ${supported.join(', ') || 'none in the data'}.`;
      break;
    case 'maintenance':
      summary = `Only for critical fixes — Kubernetes ${v} is ${state.text}. Plan an upgrade to ${supported[0] ?? 'a newer release'}.`;
      break;
    case 'supported':
      summary = `Yes — Kubernetes ${v} is ${state.text}.${latest ? ` Latest patch: ${latest.version} (${latest.date}).` : ''}`;
      break;
    default:
      summary = `Kubernetes ${v} is ${state.text}.`;
  }
  if (patch && latest && patch !== latest.version)
    summary += ` ${patch} is not the latest ${v} patch; ${latest.version} is.`;
  return makeAnswer(index.footer, {
    intent: 'support',
    title: `Is Kubernetes ${v} supported?`,
    summary,
    release: v,
    facts: [fact('Status', state.text, state.state), ...datesFacts(release, now)],
    sections: eolCaveats(release, now),
    links: LINKS,
    suggestions: [
      'which versions are supported',
      `when does ${v} reach end of life`,
      `what breaks if I upgrade from ${v} to ${supported[0] ?? index.newest}`,
    ],
  });
}

function endOfLife(index: EngineIndex, release: Release, now: Date): Answer {
  const v = release.version;
  const today = isoDay(now);
  let summary: string;
  if (release.eolDate) {
    const passed = release.eolDate <= today;
    summary = `Kubernetes ${v} ${passed ? 'reached' : 'reaches'} end of life on ${formatDate(release.eolDate)}, ${relative({ date: release.eolDate, at: null }, now)}.`;
    if (release.maintenanceModeDate)
      summary += ` Maintenance mode (critical and security fixes only) ${release.maintenanceModeDate <= today ? 'began' : 'begins'} on ${release.maintenanceModeDate}.`;
  } else {
    summary = `The data has no end-of-life date for Kubernetes ${v}; it is ${supportStatus(index, release, now).text}.`;
  }
  return makeAnswer(index.footer, {
    intent: 'support',
    title: `Kubernetes ${v} end of life`,
    summary,
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
    ? `The latest Kubernetes ${v} patch is ${patch.version}, released on ${formatDate(patch.date)}. ${v} is ${state.text}.`
    : `The data has no ${v} patch release out by ${isoDay(now)}; ${v} is ${state.text}.`;
  const recent = release.patches
    .filter((entry) => entry.date <= isoDay(now))
    .slice(-5)
    .reverse();
  return makeAnswer(index.footer, {
    intent: 'support',
    title: `Latest Kubernetes ${v} patch`,
    summary,
    release: v,
    facts: recent.map((entry) => fact(entry.version, entry.date, entry.date)),
    links: [...LINKS, { label: `${v} changelog`, url: changelogUrl(v) }],
    suggestions: [`is ${v} still supported`, `when does ${v} reach end of life`],
  });
}

function supportedList(index: EngineIndex, now: Date, patchesAsked: boolean): Answer {
  const releases = supportedReleases(index, now);
  const today = isoDay(now);
  const staleDays = daysBetween(index.dataset.manifest.dataDate, today);
  const facts = releases.map((release) => {
    const patch = latestPatchAt(release, now);
    const state = supportStatus(index, release, now);
    const value = [
      patch ? `latest patch ${patch.version} (${patch.date})` : 'no patch yet',
      state.state === 'maintenance'
        ? `maintenance mode, end of life ${release.eolDate ?? 'unknown'}`
        : `maintenance mode ${release.maintenanceModeDate ?? 'unknown'}, end of life ${release.eolDate ?? 'unknown'}`,
    ].join(' · ');
    return fact(release.version, value, patch?.version ?? release.version);
  });
  const unconfirmed = index.releases.filter((release) => plannedCaveat(index, release, now) !== null);
  const maintenance = releases
    .filter((release) => supportStatus(index, release, now).state === 'maintenance')
    .map((release) => release.version);
  const summary =
    releases.length === 0
      ? `No release in the data is supported as of ${today}.`
      : `As of ${today}, ${releases.length} Kubernetes minor releases are supported: ${releases.map((release) => release.version).join(', ')}${maintenance.length ? ` (${maintenance.join(', ')} in maintenance mode: critical and security fixes only)` : ''}.${patchesAsked ? ` Latest patches: ${releases.map((release) => latestPatchAt(release, now)?.version ?? `${release.version} (none yet)`).join(', ')}.` : ''}${unconfirmed.map((release) => ` ${plannedCaveat(index, release, now)}`).join('')}${staleDays > 90 ? ` The data is ${staleDays} days old (as of ${index.dataset.manifest.dataDate}); newer releases may exist.` : ''}`;
  return makeAnswer(index.footer, {
    intent: 'support',
    title: patchesAsked ? 'Latest patches of supported releases' : 'Supported Kubernetes releases',
    summary,
    release: releases[0]?.version ?? null,
    facts,
    links: LINKS,
    suggestions: releases.slice(0, 2).map((release) => `is ${release.version} still supported`),
  });
}
