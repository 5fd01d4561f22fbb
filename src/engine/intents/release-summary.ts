import type { Answer, AnswerFact, AnswerItem, AnswerSection } from '../../domain/answer.ts';
import type { Release } from '../../domain/release.ts';
import type { EngineIndex } from '../engine-index.ts';
import { changelogUrl } from '../../domain/links.ts';
import { eventFact } from '../format.ts';
import { fact, listSection, makeAnswer, section } from '../../domain/answer-builders.ts';
import { formatDate, isoDay, isUpcoming } from '../../domain/dates.ts';
import type { ReleaseSummaryQuery } from '../kinds/release-summary.ts';
import { stableOverview } from '../milestones.ts';
import { isReleased, isShipped, latestReleased, plannedCaveat, previousRelease, resolveVersion } from '../versions.ts';
import { codenamed, enhancementCounts, latestPatchAt, releaseLead, supportStatus } from './release-facts.ts';
import { forwardSuggestion } from './suggestions.ts';

/** "the newest 1.31 patch it has is 1.31.14", or that it has none. */
const newestPatchKnown = (release: Release): string =>
  release.latestPatch
    ? `the newest ${release.version} patch it has is ${release.latestPatch.version}`
    : `it has no ${release.version} patches`;

/** "Kubernetes 1.31 “Elli” was released on 2024-08-13 with 45 enhancements (11 stable, 22 beta, 12 alpha)." */
function releasedSentence(release: Release, now: Date, latest: boolean): string {
  const name = codenamed(release);
  const counts = enhancementCounts(release);
  const withCounts = counts ? ` with ${counts.replace(/^(\d+)/, '$1 enhancements')}` : '';
  const opening = latest
    ? `As of ${isoDay(now)}, the latest release is ${name}, released on`
    : `${name} was released on`;
  return `${opening} ${release.gaDate}${withCounts}.`;
}

/** What a release not out yet (or not confirmed) is: its planned date and its lead. */
function plannedSentence(index: EngineIndex, release: Release, now: Date): string {
  const name = codenamed(release);
  const lead = releaseLead(index, release);
  const caveat = plannedCaveat(index, release, now);
  if (caveat) return caveat.replace(`Kubernetes ${release.version}`, name) + (lead ? ` Release lead: ${lead}.` : '');
  if (!release.gaDate) return `${name}: the data has no release date.`;
  return `${name} is planned for ${release.gaDate}${lead ? `, with ${lead} as release lead` : ''}.`;
}

/**
 * The summary: the release first (released when, how big, how supported; or planned when), then how a relative
 * version was read ("1.31 is the release cycle under way as of …"), after the answer.
 */
function summarySentences(index: EngineIndex, release: Release, now: Date, note: string | null): string[] {
  if (!isShipped(release, now)) return [plannedSentence(index, release, now), ...(note ? [`(${note}.)`] : [])];
  const latest = note?.includes('is the latest release') ?? false;
  const status = supportStatus(index, release, now);
  return [releasedSentence(release, now, latest), ...(note && !latest ? [`(${note}.)`] : []), `It is ${status.text}.`];
}

export function releaseSummary(query: ReleaseSummaryQuery, index: EngineIndex, now: Date): Answer {
  const resolved = resolveVersion(index, query.version, now, 'release-summary');
  if (!resolved.ok) return resolved.answer;
  const { release, patch, note } = resolved;
  const v = release.version;
  const released = isReleased(release, now);
  const shipped = isShipped(release, now);

  const claim = query.asks === 'latest' ? latestClaim(index, release, now) : null;
  const sentences = [...(claim ? [claim.sentence] : []), ...summarySentences(index, release, now, note)];
  // "Is 1.31 out yet?": yes once shipped; not yet before its day; unknown when the data cannot confirm it.
  const verdict = claim?.verdict ?? (query.asks === 'other' ? null : shipped ? 'yes' : released ? null : 'not-yet');

  return makeAnswer(index.footer, {
    intent: 'release-summary',
    title: codenamed(release),
    summary: sentences.join(' '),
    ...(verdict ? { verdict } : {}),
    release: v,
    facts: releaseFacts(index, release, patch, shipped, now),
    sections: releaseSections(index, release, shipped, released, now),
    links: releaseLinks(index, release),
    suggestions: [
      `what went GA in ${v}`,
      `${v} schedule`,
      `who led ${v}`,
      `what was removed in ${v}`,
      ...forwardSuggestion(previousRelease(index, v)?.version, v, (older, newer) => `compare ${older} and ${newer}`),
    ],
  });
}

/** The release's facts: the patch asked about first, then codename, date, lead, size, latest patch and support. */
function releaseFacts(
  index: EngineIndex,
  release: Release,
  patch: string | null,
  shipped: boolean,
  now: Date,
): AnswerFact[] {
  const announcement = release.announcement;
  // Before the release ships, its support dates are plans.
  const planned = (label: string) => (shipped ? label : `${label} (planned)`);
  const facts: AnswerFact[] = [];
  if (patch) {
    const found = release.patches.find((entry) => entry.version === patch);
    facts.push(
      found
        ? fact(`Patch ${patch}`, `released ${found.date}`, found.date)
        : fact(`Patch ${patch}`, `not in the data; ${newestPatchKnown(release)}`),
    );
  }
  if (announcement?.codename) facts.push(fact('Codename', announcement.codename));
  facts.push(
    release.gaDate
      ? fact(shipped ? 'Released' : 'Planned release', formatDate(release.gaDate), release.gaDate)
      : fact('Release date', 'not in the data'),
  );
  const lead = releaseLead(index, release);
  if (lead) facts.push(fact('Release lead', lead));
  const counts = enhancementCounts(release);
  if (counts) facts.push(fact('Enhancements', counts, announcement?.enhancements.total ?? null));
  const latestPatch = latestPatchAt(release, now);
  if (latestPatch)
    facts.push(fact('Latest patch', `${latestPatch.version} (${latestPatch.date})`, latestPatch.version));
  const status = supportStatus(index, release, now);
  facts.push(fact('Support', status.text, status.state));
  if (release.maintenanceModeDate)
    facts.push(fact(planned('Maintenance mode'), release.maintenanceModeDate, release.maintenanceModeDate));
  if (release.eolDate) facts.push(fact(planned('End of life'), release.eolDate, release.eolDate));
  return facts;
}

/** The release's sections: what went stable, what the announcement deprecated or removed, what is coming up. */
function releaseSections(
  index: EngineIndex,
  release: Release,
  shipped: boolean,
  released: boolean,
  now: Date,
): AnswerSection[] {
  const v = release.version;
  const announcement = release.announcement;
  const sections: AnswerSection[] = [];
  const stable = stableOverview(index, release, now, changelogUrl(v));
  if (stable.items.length > 0)
    sections.push(listSection(stable.heading, stable.items, 12, stable.moreUrl, stable.lines));
  // The announcement is published on release day: before then (or unconfirmed) it is not a record yet.
  const removals = shipped ? announcement?.removalsAndDeprecations : null;
  if (removals && removals.length > 0) {
    const items: AnswerItem[] = removals.map((entry) => ({
      kep: entry.kep,
      title: entry.title,
      stage: null,
      sig: entry.kep != null ? (index.kepByNumber.get(entry.kep)?.owningSig ?? null) : null,
      url: null,
      detail: entry.kind,
    }));
    sections.push(listSection('Deprecations and removals (release announcement)', items, 8, announcement?.url ?? null));
  }
  const schedule = index.scheduleByVersion.get(v);
  if (schedule && !released) {
    const upcoming = schedule.events.filter((event) => event.kinds.length > 0 && isUpcoming(event, now)).slice(0, 6);
    if (upcoming.length > 0)
      sections.push(
        section('Coming up', { facts: upcoming.map((event) => eventFact(event, now)), moreUrl: schedule.url }),
      );
  }
  return sections;
}

/** "1.34 is the latest release": whether it is, at `now`, said first. */
function latestClaim(index: EngineIndex, release: Release, now: Date): { verdict: 'yes' | 'no'; sentence: string } {
  const today = isoDay(now);
  const latest = latestReleased(index, now);
  if (latest === release)
    return { verdict: 'yes', sentence: `Yes — ${release.version} is the latest release as of ${today}.` };
  const which = latest
    ? `the latest release as of ${today} is ${latest.version}${latest.gaDate ? ` (released ${latest.gaDate})` : ''}`
    : `no release had shipped by ${today}`;
  return { verdict: 'no', sentence: `No — ${which}.` };
}

export function releaseLinks(index: EngineIndex, release: Release): Answer['links'] {
  const v = release.version;
  const links: Answer['links'] = [];
  if (release.announcement?.url) links.push({ label: 'Release announcement', url: release.announcement.url });
  const schedule = index.scheduleByVersion.get(v);
  if (schedule) links.push({ label: `${v} schedule`, url: schedule.url });
  const team = index.teamByVersion.get(v);
  if (team) links.push({ label: `${v} release team`, url: team.url });
  if (release.patches.length > 0) links.push({ label: 'Changelog', url: changelogUrl(v) });
  return links;
}
