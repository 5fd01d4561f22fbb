import type { Answer, AnswerVerdict } from '../../domain/answer.ts';
import type { Release } from '../../domain/release.ts';
import { compareMinor } from '../../domain/version.ts';
import { marks } from '../../domain/schedule.ts';
import type { EngineIndex } from '../engine-index.ts';
import { changelogUrl } from '../../domain/links.ts';
import { daysBetween } from '../../domain/dates.ts';
import { fact, listSection, makeAnswer } from '../../domain/answer-builders.ts';
import { type StableOverview, stableOverview } from '../milestones.ts';
import type { CompareQuery } from '../kinds/compare.ts';
import { isShipped, previousRelease, resolveVersion } from '../versions.ts';
import {
  codenamed,
  enhancementCounts,
  latestPatchAt,
  releasedText,
  releaseLead,
  supportStatus,
} from './release-facts.ts';
import { releaseSummary } from './release-summary.ts';
import { forwardSuggestion } from './suggestions.ts';

/** "compare 1.30 and 1.31": the two releases side by side, older first. */
const SAME_RELEASE = 'Both are the same release.';
const NO_EARLIER_RELEASE = 'There is no earlier release to compare with.';

/** "6 more", "3 fewer": how the newer count differs from the older. */
const difference = (newer: number, older: number): string =>
  `${Math.abs(newer - older)} ${newer > older ? 'more' : 'fewer'}`;

export function compare(query: CompareQuery, index: EngineIndex, now: Date): Answer {
  const first = resolveVersion(index, query.a, now, 'compare');
  if (!first.ok) return first.answer;
  let otherRelease: Release | null;
  if (query.b) {
    const second = resolveVersion(index, query.b, now, 'compare');
    if (!second.ok) return second.answer;
    otherRelease = second.release;
  } else {
    otherRelease = previousRelease(index, first.release.version);
  }
  if (!otherRelease || otherRelease === first.release) {
    const single = releaseSummary({ kind: 'release-summary', version: query.a, notes: query.notes }, index, now);
    return {
      ...single,
      intent: 'compare',
      summary: `${otherRelease ? SAME_RELEASE : NO_EARLIER_RELEASE} ${single.summary}`,
    };
  }
  const [older, newer] =
    compareMinor(first.release.version, otherRelease.version) < 0
      ? [first.release, otherRelease]
      : [otherRelease, first.release];
  const row = (label: string, value: (release: Release) => string) =>
    fact(label, `${older.version}: ${value(older)} · ${newer.version}: ${value(newer)}`);
  const removedApis = (release: Release) =>
    String(index.apis.filter((api) => api.removedIn === release.version).length);
  const cycle = (release: Release) => {
    const events = index.scheduleByVersion.get(release.version)?.events ?? [];
    const start = events.find((event) => marks(event, 'cycle-start'));
    const end = events.find((event) => marks(event, 'release'));
    return start && end ? `${Math.round(daysBetween(start.date, end.date) / 7)} weeks` : 'unknown';
  };
  const [olderStable, newerStable] = [older, newer].map((release) =>
    stableOverview(index, release, now, changelogUrl(release.version)),
  ) as [StableOverview, StableOverview];
  const counts = (release: Release) => enhancementCounts(release) ?? 'not in the data';
  const describe = (release: Release) => {
    const total = enhancementCounts(release);
    const when = `${isShipped(release, now) ? 'released' : 'planned for'} ${release.gaDate ?? 'an unknown date'}`;
    return `${codenamed(release)}: ${when}${total ? `, ${total.replace(/^(\d+)/, '$1 enhancements')}` : ''}.`;
  };
  const olderTotal = older.announcement?.enhancements.total;
  const newerTotal = newer.announcement?.enhancements.total;
  const comparison: string[] = [];
  if (olderTotal != null && newerTotal != null) {
    comparison.push(
      olderTotal === newerTotal
        ? `Both have ${olderTotal} enhancements`
        : `${newer.version} has ${difference(newerTotal, olderTotal)} enhancements than ${older.version}`,
    );
  }
  const [olderCount, newerCount] = [olderStable.items.length, newerStable.items.length];
  if (olderStable.shipped && newerStable.shipped) {
    if (olderCount !== newerCount)
      comparison.push(`${newer.version} graduated ${difference(newerCount, olderCount)} to stable`);
  } else {
    const said = (release: Release, list: StableOverview, count: number) =>
      `${release.version} ${list.shipped ? `graduated ${count}` : `targets ${count} (kep.yaml; not shipped)`}`;
    comparison.push(`To stable: ${said(older, olderStable, olderCount)}, ${said(newer, newerStable, newerCount)}`);
  }
  const overview = `${describe(older)} ${describe(newer)}${comparison.length ? ` ${comparison.join('; ')}.` : ''}`;
  const stableCounts = olderStable.shipped && newerStable.shipped ? [olderCount, newerCount] : null;
  const asked = query.asks
    ? askedAnswer(query.asks, first.release, otherRelease, older, olderTotal, newerTotal, stableCounts)
    : null;
  const summary = asked ? `${asked.line} ${overview}` : overview;
  return makeAnswer(index.footer, {
    intent: 'compare',
    title: `Kubernetes ${older.version} vs ${newer.version}`,
    summary,
    ...(asked ? { verdict: asked.verdict } : {}),
    release: newer.version,
    facts: [
      row('Codename', (release) => release.announcement?.codename ?? 'none'),
      row('Released', (release) => releasedText(release, now)),
      row('Release lead', (release) => releaseLead(index, release) ?? 'unknown'),
      row('Enhancements', counts),
      row('Cycle length', cycle),
      row('API versions removed', removedApis),
      row('Latest patch', (release) => latestPatchAt(release, now)?.version ?? 'none'),
      row('Support', (release) => supportStatus(index, release, now).text),
    ],
    sections: [olderStable, newerStable].map((list) =>
      listSection(list.heading, list.items, 10, list.moreUrl, list.lines),
    ),
    links: [older, newer].flatMap((release) =>
      release.announcement?.url
        ? [{ label: `${release.version} release announcement`, url: release.announcement.url }]
        : [],
    ),
    suggestions: [
      ...forwardSuggestion(older.version, newer.version),
      `tell me about ${newer.version}`,
      `what went GA in ${newer.version}`,
    ],
  });
}

/**
 * "is 1.33 bigger than 1.32?": `asked` (the release named first) against the other, by the measure asked;
 * null where the data lacks a count.
 */
function askedAnswer(
  asks: NonNullable<CompareQuery['asks']>,
  asked: Release,
  other: Release,
  older: Release,
  olderTotal: number | null | undefined,
  newerTotal: number | null | undefined,
  stableCounts: number[] | null,
): { verdict: AnswerVerdict; line: string } | null {
  const [olderValue, newerValue] = asks.measure === 'stable' ? (stableCounts ?? []) : [olderTotal, newerTotal];
  if (olderValue == null || newerValue == null) return null;
  const [mine, theirs] = asked === older ? [olderValue, newerValue] : [newerValue, olderValue];
  const noun = asks.measure === 'stable' ? 'graduations to stable' : 'enhancements';
  const holds = asks.than === 'more' ? mine > theirs : mine < theirs;
  const relation =
    mine === theirs ? 'as many as' : `${Math.abs(mine - theirs)} ${mine > theirs ? 'more' : 'fewer'} than`;
  return {
    verdict: holds ? 'yes' : 'no',
    line: `${asked.version} has ${mine} ${noun}, ${relation} ${other.version} (${theirs}).`,
  };
}
