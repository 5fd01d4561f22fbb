import type { Answer, AnswerItem } from '../../domain/answer.ts';
import type { Release } from '../../domain/release.ts';
import type { EngineIndex } from '../context.ts';
import {
  changelogUrl,
  eventFact,
  fact,
  formatDate,
  isoDay,
  isUpcoming,
  listSection,
  makeAnswer,
  section,
} from '../format.ts';
import type { ReleaseSummaryQuery } from '../kinds/release-summary.ts';
import { stableOverview } from '../milestones.ts';
import { isReleased, isShipped, plannedCaveat, previousRelease, resolveVersion } from '../versions.ts';
import { codenamed, enhancementCounts, latestPatchAt, releaseLead, supportStatus } from './common.ts';
import { forwardSuggestion } from './suggestions.ts';

export function releaseSummary(query: ReleaseSummaryQuery, index: EngineIndex, now: Date): Answer {
  const resolved = resolveVersion(index, query.version, now, 'release-summary');
  if (!resolved.ok) return resolved.answer;
  const { release, patch, note } = resolved;
  const v = release.version;
  const announcement = release.announcement;
  const released = isReleased(release, now);
  const shipped = isShipped(release, now);
  const status = supportStatus(index, release, now);
  const counts = enhancementCounts(release);
  const latestPatch = latestPatchAt(release, now);
  const lead = releaseLead(index, release);
  const caveat = plannedCaveat(index, release, now);

  const sentences: string[] = [];
  const name = codenamed(release);
  if (shipped) {
    const latestNote = note?.includes('is the latest release') ?? false;
    sentences.push(
      `${latestNote ? `As of ${isoDay(now)}, the latest release is ${name}, released on` : `${name} was released on`} ${release.gaDate}${counts ? ` with ${counts.replace(/^(\d+)/, '$1 enhancements')}` : ''}.`,
    );
    if (note && !latestNote) sentences.unshift(`(${note}.)`);
    sentences.push(`It is ${status.text}.`);
  } else if (caveat) {
    sentences.push(caveat.replace(`Kubernetes ${v}`, name) + (lead ? ` Release lead: ${lead}.` : ''));
  } else if (release.gaDate) {
    sentences.push(`${name} is planned for ${release.gaDate}${lead ? `, with ${lead} as release lead` : ''}.`);
  } else {
    sentences.push(`${name}: the data has no release date.`);
  }
  if (note && !shipped) sentences.unshift(`(${note}.)`);

  const facts = [
    ...(announcement?.codename ? [fact('Codename', announcement.codename)] : []),
    release.gaDate
      ? fact(shipped ? 'Released' : 'Planned release', formatDate(release.gaDate), release.gaDate)
      : fact('Release date', 'not in the data'),
    ...(lead ? [fact('Release lead', lead)] : []),
    ...(counts ? [fact('Enhancements', counts, announcement?.enhancements.total ?? null)] : []),
    ...(latestPatch ? [fact('Latest patch', `${latestPatch.version} (${latestPatch.date})`, latestPatch.version)] : []),
    fact('Support', status.text, status.state),
    ...(release.maintenanceModeDate
      ? [fact('Maintenance mode', release.maintenanceModeDate, release.maintenanceModeDate)]
      : []),
    ...(release.eolDate ? [fact('End of life', release.eolDate, release.eolDate)] : []),
  ];
  if (patch) {
    const found = release.patches.find((entry) => entry.version === patch);
    facts.unshift(
      found
        ? fact(`Patch ${patch}`, `released ${found.date}`, found.date)
        : fact(
            `Patch ${patch}`,
            `not in the data; ${release.latestPatch ? `the newest ${v} patch it has is ${release.latestPatch.version}` : `it has no ${v} patches`}`,
          ),
    );
  }

  const sections = [];
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
      sig: entry.kep != null ? (index.kep.get(entry.kep)?.owningSig ?? null) : null,
      url: null,
      detail: entry.kind,
    }));
    sections.push(listSection('Deprecations and removals (release announcement)', items, 8, announcement?.url ?? null));
  }
  const schedule = index.schedule.get(v);
  if (schedule && !released) {
    const upcoming = schedule.events.filter((event) => event.kinds.length > 0 && isUpcoming(event, now)).slice(0, 6);
    if (upcoming.length > 0)
      sections.push(
        section('Coming up', { facts: upcoming.map((event) => eventFact(event, now)), moreUrl: schedule.url }),
      );
  }

  return makeAnswer(index.footer, {
    intent: 'release-summary',
    title: name,
    summary: sentences.join(' '),
    release: v,
    facts,
    sections,
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

export function releaseLinks(index: EngineIndex, release: Release): Answer['links'] {
  const v = release.version;
  const links: Answer['links'] = [];
  if (release.announcement?.url) links.push({ label: 'Release announcement', url: release.announcement.url });
  const schedule = index.schedule.get(v);
  if (schedule) links.push({ label: `${v} schedule`, url: schedule.url });
  const team = index.team.get(v);
  if (team) links.push({ label: `${v} release team`, url: team.url });
  if (release.patches.length > 0) links.push({ label: 'Changelog', url: changelogUrl(v) });
  return links;
}
