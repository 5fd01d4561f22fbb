import type { Answer, AnswerItem } from '../../domain/answer.ts';
import type { Release } from '../../domain/release.ts';
import { compareMinor } from '../../domain/version.ts';
import type { EngineIndex } from '../context.ts';
import { milestoneKey } from '../context.ts';
import { daysBetween, fact, kepItem, listSection, makeAnswer } from '../format.ts';
import type { Query } from '../query.ts';
import { isReleased, resolveVersion } from '../versions.ts';
import { codenamed, enhancementCounts, latestPatchAt, releasedText, supportStatus } from './common.ts';
import { releaseSummary } from './release-summary.ts';

type CompareQuery = Extract<Query, { kind: 'compare' }>;

/** "compare 1.30 and 1.31": the two releases side by side, older first. */
export function compare(query: CompareQuery, index: EngineIndex, now: Date): Answer {
  const first = resolveVersion(index, query.a, now, 'compare');
  if (!first.ok) return first.answer;
  let otherRelease: Release | undefined;
  if (query.b) {
    const second = resolveVersion(index, query.b, now, 'compare');
    if (!second.ok) return second.answer;
    otherRelease = second.release;
  } else {
    otherRelease = index.releases[index.releases.indexOf(first.release) - 1];
  }
  if (!otherRelease || otherRelease === first.release) {
    const single = releaseSummary({ kind: 'release-summary', version: query.a, notes: query.notes }, index, now);
    return { ...single, intent: 'compare', summary: `${otherRelease ? 'Both are the same release. ' : 'There is no earlier release to compare with. '}${single.summary}` };
  }
  const [older, newer] = compareMinor(first.release.version, otherRelease.version) < 0 ? [first.release, otherRelease] : [otherRelease, first.release];
  const row = (label: string, value: (release: Release) => string) => fact(label, `${older.version}: ${value(older)} · ${newer.version}: ${value(newer)}`);
  const removedApis = (release: Release) => String(index.apis.filter((api) => api.removedIn === release.version).length);
  const cycle = (release: Release) => {
    const events = index.schedule.get(release.version)?.events ?? [];
    const start = events.find((event) => event.kind === 'cycle-start');
    const end = events.find((event) => event.kind === 'release');
    return start && end ? `${Math.round(daysBetween(start.date, end.date) / 7)} weeks` : 'unknown';
  };
  const stableItems = (release: Release): AnswerItem[] => {
    const list = release.announcement?.graduatedToStable;
    if (list) return list.map((entry) => { const kep = entry.kep != null ? index.kep.get(entry.kep) : undefined; return kep ? { ...kepItem(kep), title: entry.title } : { kep: entry.kep, title: entry.title, stage: 'stable', sig: null, url: null, detail: null }; });
    return (index.milestone.get(milestoneKey('stable', release.version)) ?? []).map((kep) => kepItem(kep));
  };
  const counts = (release: Release) => enhancementCounts(release) ?? 'not in the data';
  const describe = (release: Release) => {
    const total = enhancementCounts(release);
    return `${codenamed(release)}: ${isReleased(release, now) ? 'released' : 'planned for'} ${release.gaDate ?? 'an unknown date'}${total ? `, ${total.replace(/^(\d+)/, '$1 enhancements')}` : ''}.`;
  };
  const olderTotal = older.announcement?.enhancements.total;
  const newerTotal = newer.announcement?.enhancements.total;
  const olderStable = stableItems(older).length;
  const newerStable = stableItems(newer).length;
  const comparison: string[] = [];
  if (olderTotal != null && newerTotal != null) {
    comparison.push(olderTotal === newerTotal ? `Both have ${olderTotal} enhancements` : `${newer.version} has ${Math.abs(newerTotal - olderTotal)} ${newerTotal > olderTotal ? 'more' : 'fewer'} enhancements than ${older.version}`);
  }
  if (olderStable !== newerStable) comparison.push(`${newer.version} graduated ${Math.abs(newerStable - olderStable)} ${newerStable > olderStable ? 'more' : 'fewer'} to stable`);
  const summary = `${describe(older)} ${describe(newer)}${comparison.length ? ` ${comparison.join('; ')}.` : ''}`;
  return makeAnswer(index.footer, {
    intent: 'compare',
    title: `Kubernetes ${older.version} vs ${newer.version}`,
    summary,
    release: newer.version,
    facts: [
      row('Codename', (release) => release.announcement?.codename ?? 'none'),
      row('Released', (release) => releasedText(release, now)),
      row('Release lead', (release) => release.announcement?.releaseLead ?? index.team.get(release.version)?.roles.find((role) => role.key === 'lead')?.leads[0]?.name ?? 'unknown'),
      row('Enhancements', counts),
      row('Cycle length', cycle),
      row('API versions removed', removedApis),
      row('Latest patch', (release) => latestPatchAt(release, now)?.version ?? 'none'),
      row('Support', (release) => supportStatus(index, release, now).text),
    ],
    sections: [listSection(`Graduated to stable in ${older.version}`, stableItems(older), 10, older.announcement?.url ?? null), listSection(`Graduated to stable in ${newer.version}`, stableItems(newer), 10, newer.announcement?.url ?? null)],
    links: [older, newer].flatMap((release) => (release.announcement?.url ? [{ label: `${release.version} release announcement`, url: release.announcement.url }] : [])),
    suggestions: [`what breaks if I upgrade from ${older.version} to ${newer.version}`, `tell me about ${newer.version}`, `what went GA in ${newer.version}`],
  });
}
