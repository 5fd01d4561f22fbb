import type { Answer, AnswerItem, AnswerSection, AnswerVerdict } from '../../domain/answer.ts';
import type { DeprecatedApi } from '../../domain/deprecation.ts';
import type { Release } from '../../domain/release.ts';
import { compareMinor } from '../../domain/version.ts';
import type { EngineIndex } from '../engine-index.ts';
import { milestoneKey } from '../engine-index.ts';
import { DEPRECATION_GUIDE_URL } from '../../domain/links.ts';
import { kepItem } from '../format.ts';
import { listSection, makeAnswer, plural, section } from '../../domain/answer-builders.ts';
import type { DeprecationsQuery } from '../kinds/deprecations.ts';
import { quote } from '../sanitize.ts';
import { latestReleased, previousRelease, resolveVersion } from '../versions.ts';
import { searchAnswer } from './search-results.ts';
import { kepAnswer, name } from './kep.ts';
import { forwardSuggestion } from './suggestions.ts';
import { entryOf } from '../../domain/lookup.ts';

const LINKS = [{ label: 'Deprecated API migration guide', url: DEPRECATION_GUIDE_URL }];
const API_ALIASES: Record<string, string> = {
  psp: 'podsecuritypolicy',
  pdb: 'poddisruptionbudget',
  hpa: 'horizontalpodautoscaler',
  ingresses: 'ingress',
  crd: 'customresourcedefinition',
};

function apiItem(api: DeprecatedApi): AnswerItem {
  const parts = [
    api.deprecatedIn ? `deprecated in ${api.deprecatedIn}` : null,
    api.removedIn ? `removed in ${api.removedIn}` : null,
    api.replacement
      ? `use ${api.replacement}${api.replacementAvailableIn ? ` (available since ${api.replacementAvailableIn})` : ''}`
      : 'no replacement API',
  ].filter(Boolean);
  return {
    kep: null,
    title: `${api.kind} ${api.apiVersion}`,
    stage: null,
    sig: null,
    url: null,
    detail: parts.join(' · '),
  };
}

function announcementItems(index: EngineIndex, release: Release, kind: 'removal' | 'deprecation' | null): AnswerItem[] {
  return (release.announcement?.removalsAndDeprecations ?? [])
    .filter((entry) => kind === null || entry.kind === kind)
    .map((entry) => {
      const kep = entry.kep != null ? index.kepByNumber.get(entry.kep) : undefined;
      return kep
        ? { ...kepItem(kep, entry.kind), title: entry.title }
        : { kep: entry.kep, title: entry.title, stage: null, sig: null, url: null, detail: entry.kind };
    });
}

/** Deprecations and removals in one release, or of one API (an upgrade span goes to the upgrade report). */
export function deprecations(query: DeprecationsQuery, index: EngineIndex, now: Date): Answer {
  if (query.subject) {
    const answer = bySubject(query, index, now);
    if (answer) return answer;
  }
  const resolved = resolveVersion(index, query.version, now, 'deprecations');
  if (!resolved.ok) return resolved.answer;
  const { release } = resolved;
  const v = release.version;
  const apis = index.apis;
  const removedApis = apis.filter((api) => api.removedIn === v);
  const deprecatedApis = apis.filter((api) => api.deprecatedIn === v);
  const wantRemoved = query.focus !== 'deprecated';
  const wantDeprecated = query.focus !== 'removed';
  const sections: AnswerSection[] = [];
  const announced = release.announcement?.removalsAndDeprecations;
  const kepsOf = (stage: 'deprecated' | 'disabled' | 'removed') =>
    index.kepsByMilestone.get(milestoneKey(stage, v)) ?? [];

  if (wantRemoved)
    sections.push(
      listSection(
        `API versions removed in ${v}`,
        removedApis.map(apiItem),
        40,
        DEPRECATION_GUIDE_URL,
        removedApis.length ? [] : [`No API version stops being served in ${v} (per pluto's versions list).`],
      ),
    );
  if (wantDeprecated)
    sections.push(
      listSection(
        `API versions deprecated in ${v}`,
        deprecatedApis.map(apiItem),
        40,
        DEPRECATION_GUIDE_URL,
        deprecatedApis.length ? [] : [`No API version is newly deprecated in ${v} (per pluto's versions list).`],
      ),
    );
  const announcedItems = announcementItems(
    index,
    release,
    query.focus === 'both' ? null : query.focus === 'removed' ? 'removal' : 'deprecation',
  );
  if (announced)
    sections.push(
      listSection(
        `${FOCUS_HEADING[query.focus]} named by the ${v} release announcement`,
        announcedItems,
        20,
        release.announcement?.url ?? null,
      ),
    );
  const kepStages: Array<'deprecated' | 'disabled' | 'removed'> = [
    ...(wantRemoved ? (['removed', 'disabled'] as const) : []),
    ...(wantDeprecated ? (['deprecated'] as const) : []),
  ];
  const kepItems = kepStages.flatMap((stage) => kepsOf(stage).map((kep) => kepItem(kep, `kep.yaml: ${stage} in ${v}`)));
  if (kepItems.length) sections.push(listSection(`KEPs ${kepStages.join(' / ')} in ${v} (kep.yaml)`, kepItems, 20));

  const other =
    query.focus === 'removed' ? deprecatedApis.length : query.focus === 'deprecated' ? removedApis.length : 0;
  const parts: string[] = [];
  if (wantRemoved) parts.push(removedClause(removedApis, v));
  if (wantDeprecated) parts.push(deprecatedClause(deprecatedApis));
  const apiSentence = `${parts.join('; ')}.`;
  const announcedSentence = announced
    ? `The release announcement names ${announcedCount(announcedItems.length, query.focus)}.`
    : `The data has no release-announcement list of deprecations for ${v}.`;
  // "Was anything removed in 1.25?": yes when an API version or an announced item says so; what was found first.
  const found = (wantRemoved ? removedApis.length : 0) + (wantDeprecated ? deprecatedApis.length : 0);
  const summary =
    found === 0 && announcedItems.length > 0
      ? `${announcedSentence} ${apiSentence}`
      : `${apiSentence} ${announcedSentence}`;
  if (other > 0)
    sections.push(
      section('See also', {
        lines: [`${plural(other, 'API version')} ${seeAlso(query.focus, v)}.`],
      }),
    );
  return makeAnswer(index.footer, {
    intent: 'deprecations',
    title: `${FOCUS_TITLE[query.focus]} in Kubernetes ${v}`,
    summary,
    verdict: found + announcedItems.length > 0 ? 'yes' : 'no',
    release: v,
    sections,
    links: [
      ...LINKS,
      ...(release.announcement?.url ? [{ label: `${v} release announcement`, url: release.announcement.url }] : []),
    ],
    suggestions: [
      ...forwardSuggestion(previousRelease(index, v)?.version, v),
      `${query.focus === 'removed' ? 'deprecations' : 'removals'} in ${v}`,
      `tell me about ${v}`,
    ],
  });
}

type Focus = DeprecationsQuery['focus'];
const FOCUS_TITLE: Record<Focus, string> = {
  removed: 'Removed',
  deprecated: 'Deprecated',
  both: 'Deprecated and removed',
};
const FOCUS_HEADING: Record<Focus, string> = {
  removed: 'Removals',
  deprecated: 'Deprecations',
  both: 'Deprecations and removals',
};
const FOCUS_NOUNS: Record<Focus, [string, string]> = {
  removed: ['removal', 'removals'],
  deprecated: ['deprecation', 'deprecations'],
  both: ['deprecation or removal', 'deprecations and removals'],
};

/** "2 removals", "1 deprecation or removal". */
const announcedCount = (count: number, focus: Focus): string => plural(count, ...FOCUS_NOUNS[focus]);

/** "7 API versions stop being served in Kubernetes 1.25 (batch/v1beta1, …)". */
function removedClause(apis: DeprecatedApi[], version: string): string {
  const which = apis.length ? ` (${summarizeApis(apis)})` : '';
  const stop = apis.length === 1 ? 'stops' : 'stop';
  return `${plural(apis.length, 'API version')} ${stop} being served in Kubernetes ${version}${which}`;
}

/** "2 API versions are newly deprecated (…)". */
function deprecatedClause(apis: DeprecatedApi[]): string {
  const which = apis.length ? ` (${summarizeApis(apis)})` : '';
  return `${plural(apis.length, 'API version')} ${apis.length === 1 ? 'is' : 'are'} newly deprecated${which}`;
}

/** Points to the other half of the list: "deprecated in 1.25: ask “deprecations in 1.25”". */
function seeAlso(focus: Focus, version: string): string {
  return focus === 'removed'
    ? `deprecated in ${version}: ask “deprecations in ${version}”`
    : `removed in ${version}: ask “what was removed in ${version}”`;
}

/**
 * "Was PodSecurityPolicy removed (in 1.25)?": yes when every API version of it is gone by that release (or the
 * latest), partly when some are, no when none is.
 */
function removedVerdict(apis: DeprecatedApi[], by: string | null): AnswerVerdict {
  const gone = apis.filter((api) => api.removedIn && by && compareMinor(api.removedIn, by) <= 0).length;
  return gone === 0 ? 'no' : gone === apis.length ? 'yes' : 'partly';
}

/** Asked whether it is still served, the answer to "was it removed" turned round. */
const servedOrRemoved = (removed: AnswerVerdict, asks: DeprecationsQuery['asks']): AnswerVerdict =>
  asks !== 'served' ? removed : removed === 'yes' ? 'no' : removed === 'no' ? 'yes' : removed;

function summarizeApis(apis: DeprecatedApi[]): string {
  const groups = [...new Set(apis.map((api) => api.apiVersion))];
  return groups.length <= 4 ? groups.join(', ') : `${groups.slice(0, 4).join(', ')} and ${groups.length - 4} more`;
}

/**
 * API versions a subject names: "PodSecurityPolicy", "psp", "policy/v1beta1", "extensions/v1beta1
 * ingress" (group/version and kind together narrow each other).
 */
function matchApis(apis: DeprecatedApi[], raw: string): DeprecatedApi[] {
  const tokens = raw.toLowerCase().split(/\s+/).filter(Boolean);
  const groups = tokens.filter((token) => token.includes('/'));
  const words = tokens.filter((token) => !token.includes('/'));
  if (groups.length === 0 && words.length === 0) return [];
  const found = groups.length
    ? apis.filter((api) =>
        groups.every(
          (group) => api.apiVersion.toLowerCase() === group || `${api.apiVersion}/${api.kind}`.toLowerCase() === group,
        ),
      )
    : apis;
  if (words.length === 0) return found;
  const joined = entryOf(API_ALIASES, words.join('')) ?? words.join('');
  const wanted = [joined, ...words].map(kindWanted);
  const byKind = found.filter((api) => {
    const kind = api.kind.toLowerCase();
    return wanted.some((one) => one.matches(kind));
  });
  return byKind.length > 0 || groups.length === 0 ? byKind : found;
}

/** A word of the subject as an API kind it may name: itself, its alias, the singular, or (five letters on) a part. */
function kindWanted(word: string): { matches(kind: string): boolean } {
  const wanted = entryOf(API_ALIASES, word) ?? word;
  const singular = wanted.replace(/e?s$/, '');
  const part = wanted.length >= 5;
  return { matches: (kind) => kind === wanted || kind === singular || (part && kind.includes(wanted)) };
}

/** "Is PodSecurityPolicy removed", "when was policy/v1beta1 removed": an API, an announced item, or a KEP. */
function bySubject(query: DeprecationsQuery, index: EngineIndex, now: Date): Answer | null {
  const raw = query.subject!.trim();
  const apis = matchApis(index.apis, raw);
  if (apis.length > 0) {
    const removed = apis.filter((api) => api.removedIn).sort((a, b) => compareMinor(b.removedIn!, a.removedIn!));
    const kinds = [...new Set(apis.map((api) => api.kind))];
    const last = removed[0];
    const latest = latestReleased(index, now);
    const allRemoved = removed.length === apis.length;
    const past = (version: string) => latest !== null && compareMinor(version, latest.version) <= 0;
    const label = (api: DeprecatedApi) => (kinds.length > 1 ? `${api.kind} ${api.apiVersion}` : api.apiVersion);
    const each = removed.map((api) => {
      const deprecated = api.deprecatedIn ? ` (deprecated in ${api.deprecatedIn})` : '';
      const stopped = past(api.removedIn!) ? 'stopped' : 'stops';
      return `${label(api)} ${stopped} being served in ${api.removedIn}${deprecated}`;
    });
    const subjectName = kinds.length === 1 ? kinds[0]! : quote(raw);
    const replacements = [
      ...new Set(
        removed.map((api) => api.replacement).filter((replacement): replacement is string => Boolean(replacement)),
      ),
    ];
    let summary: string;
    if (allRemoved && last && !last.replacement && kinds.length === 1) {
      const when = past(last.removedIn!) ? 'was removed' : `will be removed in ${last.removedIn}`;
      summary = `${subjectName} ${when} with no replacement API: ${each.join('; ')}.`;
    } else if (removed.length > 0) {
      const which =
        removed.length === 1
          ? `This API version of ${subjectName}`
          : `${removed.length} API versions of ${subjectName}`;
      const served = removed.every((api) => past(api.removedIn!))
        ? `${removed.length === 1 ? 'is' : 'are'} no longer served`
        : 'will stop being served';
      const instead = replacements.length ? ` Use ${replacements.join(' or ')} instead.` : '';
      summary = `${which} ${served}: ${each.join('; ')}.${instead}`;
    } else {
      summary = `${subjectName}: ${apis.map((api) => `${label(api)} ${apiItem(api).detail}`).join('; ')}.`;
    }
    const by = query.version?.kind === 'exact' ? query.version.minor : (latest?.version ?? null);
    return makeAnswer(index.footer, {
      intent: 'deprecations',
      title: `Deprecation of ${subjectName}`,
      summary,
      verdict: servedOrRemoved(removedVerdict(apis, by), query.asks),
      release: last?.removedIn ?? null,
      sections: [listSection('API versions (pluto)', apis.map(apiItem), 30, DEPRECATION_GUIDE_URL)],
      links: LINKS,
      suggestions: last
        ? [
            `what was removed in ${last.removedIn}`,
            ...forwardSuggestion(previousRelease(index, last.removedIn!)?.version, last.removedIn),
          ]
        : [],
    });
  }
  const words = raw
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => new RegExp(`(^|[^a-z0-9])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  const announced = index.releases.flatMap((release) =>
    (release.announcement?.removalsAndDeprecations ?? [])
      .filter((entry) => words.every((word) => word.test(entry.title.toLowerCase())))
      .map((entry) => ({ release, entry })),
  );
  if (announced.length > 0) {
    const items = announced.map(({ release, entry }) => ({
      kep: entry.kep,
      title: entry.title,
      stage: null,
      sig: entry.kep != null ? (index.kepByNumber.get(entry.kep)?.owningSig ?? null) : null,
      url: release.announcement?.url ?? null,
      detail: `${entry.kind} · ${release.version} release announcement`,
    }));
    // Several announcements can name the same removal (planned, then done); the newest one is the last word.
    const removal = announced.filter(({ entry }) => entry.kind === 'removal').at(-1);
    const deprecation = announced.find(({ entry }) => entry.kind === 'deprecation');
    const first = (query.focus === 'deprecated' ? deprecation : removal) ?? announced[0]!;
    const names = (item: typeof first) => `names “${item.entry.title}”`;
    let summary = `The ${first.release.version} release announcement ${names(first)} (${first.entry.kind}).`;
    if (removal && query.focus !== 'deprecated') {
      const earlier =
        deprecation && deprecation !== removal
          ? ` It was deprecated earlier (${deprecation.release.version}: “${deprecation.entry.title}”).`
          : '';
      const all =
        announced.length > 1
          ? ` ${plural(announced.length, 'announcement entry', 'announcement entries')} mention it; ` +
            'all are listed below.'
          : '';
      const v = removal.release.version;
      summary = `Removed in ${v}: the ${v} release announcement ${names(removal)}.${earlier}${all}`;
    } else if (query.focus === 'removed' && !removal)
      summary =
        `No removal in the release announcements matches “${quote(raw)}”, ` +
        `but the ${first.release.version} announcement ${names(first)} (${first.entry.kind}).`;
    return makeAnswer(index.footer, {
      intent: 'deprecations',
      title: `Deprecations and removals: “${quote(raw)}”`,
      summary,
      verdict: removal || query.focus === 'deprecated' ? 'yes' : 'no',
      release: first.release.version,
      sections: [listSection('Named by release announcements', items, 20)],
      links: LINKS,
      suggestions: [`what was removed in ${first.release.version}`],
    });
  }
  const resolution = index.kepSearch.resolve(raw);
  if (resolution.kind === 'found') {
    const kep = resolution.kep;
    const ended = kep.milestones.removed ?? kep.milestones.disabled ?? kep.milestones.deprecated;
    const ends = (['deprecated', 'disabled', 'removed'] as const)
      .filter((stage) => kep.milestones[stage])
      .map((stage) => `${stage} in ${kep.milestones[stage]}`);
    const summary = ended
      ? `${name(kep)}: ${ends.join(', ')} (kep.yaml).`
      : `No API or announced removal matches “${quote(raw)}”. ` +
        `The closest KEP, ${name(kep)}, is ${kep.stage ?? 'at no stage'} and records no deprecation or removal.`;
    return kepAnswer(
      index,
      { ok: true, kep, correctedTo: resolution.correctedTo, asked: raw, others: resolution.others },
      summary,
    );
  }
  return searchAnswer(index, raw, resolution);
}
