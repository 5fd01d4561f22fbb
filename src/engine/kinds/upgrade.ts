import { z } from 'zod';
import type { Answer, AnswerItem, AnswerSection, AnswerVerdict } from '../../domain/answer.ts';
import type { DeprecatedApi } from '../../domain/deprecation.ts';
import type { ReleaseNote } from '../../domain/release-notes.ts';
import { compareMinor } from '../../domain/version.ts';
import type { EngineIndex } from '../engine-index.ts';
import { DEPRECATION_GUIDE_URL } from '../../domain/links.ts';
import { listSection, makeAnswer, plural, section } from '../../domain/answer-builders.ts';
import { ParseNotes, VersionRef } from '../refs.ts';
import { spanEnds } from '../span.ts';
import type { Question } from '../understand/question.ts';
import { latestReleased, previousRelease, resolveVersion } from '../versions.ts';
import { gateChanges } from './feature-gate.ts';
import { type QuestionKind, SCORE, words } from './kind.ts';
import { forwardSuggestion } from '../intents/suggestions.ts';

/** "upgrade from 1.31 to 1.33", "what breaks going 1.24 → 1.25", "urgent upgrade notes for 1.33". */
export const UpgradeQuery = z.object({
  kind: z.literal('upgrade'),
  /** null: the release before `to`. */
  from: VersionRef.nullable(),
  /** null: the latest release. */
  to: VersionRef.nullable(),
  /**
   * What a yes/no question asks of the upgrade: "can I go straight from 1.29 to 1.32?" (direct: one minor release at
   * a time), "will anything break going to 1.33?" (breaks: is there anything to act on).
   */
  asks: z.enum(['direct', 'breaks']).optional(),
  notes: ParseNotes,
});
export type UpgradeQuery = z.infer<typeof UpgradeQuery>;

/** Items per list in a chat answer; the rest are counted and linked ("…and N more"). */
const PER_LIST = 8;
const pullUrl = (pr: number) => `https://github.com/kubernetes/kubernetes/pull/${pr}`;

function noteItem(note: ReleaseNote): AnswerItem {
  const pr = note.prs[0];
  const credit = [
    pr ? `#${pr}` : null,
    note.authors[0] ? `@${note.authors[0]}` : null,
    note.sigs.length ? `SIG ${note.sigs.join(', ')}` : null,
    note.area,
  ]
    .filter(Boolean)
    .join(' · ');
  return {
    kep: null,
    title: note.text,
    stage: note.kind,
    sig: null,
    url: pr ? pullUrl(pr) : null,
    detail: credit || null,
  };
}

/** The replacement still served at `to`: follows replacements that are themselves removed within the span. */
export function survivingReplacement(
  apis: DeprecatedApi[],
  api: DeprecatedApi,
  to: string,
): { replacement: string | null; via: string[] } {
  const via: string[] = [];
  let current = api.replacement;
  for (let hops = 0; current && hops < 6; hops++) {
    const removed = apis.find(
      (candidate) =>
        candidate.apiVersion === current &&
        candidate.kind === api.kind &&
        candidate.removedIn &&
        compareMinor(candidate.removedIn, to) <= 0,
    );
    if (!removed) return { replacement: current, via };
    via.push(current);
    current = removed.replacement;
  }
  return { replacement: current ?? null, via };
}

/** One item per group/version (its kinds together), with the replacement that survives the whole span. */
function apiItems(apis: DeprecatedApi[], removed: DeprecatedApi[], to: string): AnswerItem[] {
  const groups = new Map<string, DeprecatedApi[]>();
  for (const api of removed) groups.set(api.apiVersion, [...(groups.get(api.apiVersion) ?? []), api]);
  return [...groups].map(([apiVersion, members]) => {
    const uses = [
      ...new Set(
        members.map((api) => {
          const { replacement, via } = survivingReplacement(apis, api, to);
          return replacement
            ? `use ${replacement}${via.length ? ` (not ${via.join(', ')}: removed by ${to} too)` : ''}`
            : 'no replacement API';
        }),
      ),
    ];
    return {
      kep: null,
      title: `${apiVersion} ${members.map((api) => api.kind).join(', ')}`,
      stage: 'removed',
      sig: null,
      url: DEPRECATION_GUIDE_URL,
      detail: `removed in ${members[0]!.removedIn} · ${uses.join('; ')}`,
    };
  });
}

/** "4 urgent upgrade notes (action required), 2 API versions no longer served, …". */
function totalsText(totals: { urgent: number; removed: number; gates: number; deprecations: number }): string {
  return [
    `${plural(totals.urgent, 'urgent upgrade note')} (action required)`,
    `${plural(totals.removed, 'API version')} no longer served`,
    `${plural(totals.gates, 'feature gate')} locked or removed`,
    plural(totals.deprecations, 'deprecation'),
  ].join(', ');
}

/** Whether a gate is on by default from `version` (its spec that starts there). */
const defaultAt = (gate: { specs: ReadonlyArray<{ since: string; default: boolean }> }, version: string): boolean =>
  gate.specs.find((spec) => spec.since === version)?.default ?? false;

const upgradeFrom = (from: string, to: string): string => `upgrade from ${from} to ${to}`;

/**
 * The yes/no an upgrade question gets: straight there only across one minor release (the skew policy's step);
 * "will anything break" is yes when there is anything to act on.
 */
function upgradeVerdict(
  asks: UpgradeQuery['asks'],
  minors: number,
  totals: { urgent: number; removed: number; gates: number },
): AnswerVerdict {
  if (asks === 'breaks') return totals.urgent + totals.removed + totals.gates > 0 ? 'yes' : 'no';
  return minors === 1 ? 'yes' : 'no';
}

export function upgrade(query: UpgradeQuery, index: EngineIndex, now: Date): Answer {
  const fromResolved = query.from ? resolveVersion(index, query.from, now, 'upgrade') : null;
  if (fromResolved && !fromResolved.ok) return fromResolved.answer;
  const toResolved = resolveVersion(index, query.to, now, 'upgrade');
  if (!toResolved.ok) return toResolved.answer;
  const to = toResolved.release.version;
  const from = fromResolved?.ok ? fromResolved.release.version : (previousRelease(index, to)?.version ?? null);
  if (!from)
    return makeAnswer(index.footer, {
      intent: 'upgrade',
      title: 'Upgrade',
      summary: `${to} is the first release in the data; there is nothing to upgrade from.`,
      release: to,
    });
  if (compareMinor(from, to) >= 0) {
    return makeAnswer(index.footer, {
      intent: 'upgrade',
      title: `Upgrade ${from} → ${to}`,
      verdict: 'no',
      summary:
        compareMinor(from, to) === 0
          ? `${from} to ${to} is not an upgrade: both are the same release.`
          : `${from} → ${to} is a downgrade; ` +
            'Kubernetes does not support downgrading a cluster across minor releases. ' +
            `Ask “upgrade from ${to} to ${from}” for the other direction.`,
      release: to,
      suggestions: forwardSuggestion(to, from, upgradeFrom),
    });
  }
  const span = index.releases
    .filter((release) => compareMinor(release.version, from) > 0 && compareMinor(release.version, to) <= 0)
    .map((release) => release.version);
  const sections: AnswerSection[] = [];
  const totals = { urgent: 0, removed: 0, gates: 0, deprecations: 0 };
  const caveats: string[] = [];
  for (const version of span) {
    const draft = index.releaseNotesByVersion.get(version);
    const urgent = draft?.notes.filter((note) => note.kind === 'urgent') ?? [];
    const deprecations = draft?.notes.filter((note) => note.kind === 'deprecation') ?? [];
    const removed = index.apis.filter((api) => api.removedIn === version);
    const { locked } = gateChanges(index, null, version);
    totals.urgent += urgent.length;
    totals.removed += removed.length;
    totals.gates += locked.length;
    totals.deprecations += deprecations.length;
    if (!draft) caveats.push(`${version}: the data has no release notes draft.`);
    else if (draft.status === 'pre-release')
      caveats.push(
        `${version}'s notes are the ${draft.build ? `v${draft.build} ` : 'pre-release '}draft, ` +
          'not the final release notes.',
      );
    const more = draft?.url ?? null;
    const counts = [
      plural(urgent.length, 'urgent upgrade note'),
      `${plural(removed.length, 'API version')} removed`,
      `${plural(locked.length, 'gate')} locked`,
      plural(deprecations.length, 'deprecation'),
    ].join(', ');
    sections.push(
      section(`${version}: ${counts}`, {
        lines: draft?.status === 'pre-release' ? [`Draft for v${draft.build ?? `${version}.0`} (not final).`] : [],
      }),
    );
    if (urgent.length)
      sections.push(
        listSection(`${version} — urgent upgrade notes (action required)`, urgent.map(noteItem), PER_LIST, more),
      );
    if (removed.length)
      sections.push(
        listSection(
          `${version} — API versions no longer served`,
          apiItems(index.apis, removed, to),
          PER_LIST * 2,
          DEPRECATION_GUIDE_URL,
        ),
      );
    // Gate names are short: one line names them all instead of a list cut at PER_LIST.
    if (locked.length)
      sections.push(
        section(`${version} — feature gates locked to their default (can no longer be set)`, {
          lines: [
            locked
              .map((change) => `${change.gate.name} (${defaultAt(change.gate, version) ? 'on' : 'off'})`)
              .join(', '),
          ],
        }),
      );
    if (deprecations.length)
      sections.push(listSection(`${version} — deprecations`, deprecations.map(noteItem), PER_LIST, more));
  }
  const removedGates = gateChanges(index, from, to).removed;
  if (removedGates.length) {
    // The lists only bound a removal (after one list, before the next): count it only when the span holds the whole
    // window.
    const certain = removedGates.filter(
      (gate) => compareMinor(from, gate.removed!.lastListedIn!) <= 0 && compareMinor(to, gate.removed!.goneBy) >= 0,
    );
    totals.gates += certain.length;
    sections.push(
      section(
        certain.length
          ? 'Feature gates removed from the code in this span'
          : 'Feature gates that may have been removed in this span',
        {
          lines: [
            `${removedGates.map((gate) => gate.name).join(', ')}.`,
            'The lists say only that these were in the 1.33-cycle list and are gone from the 1.37-cycle one, ' +
              'not in which release.',
          ],
        },
      ),
    );
  }
  const latest = latestReleased(index, now)?.version;
  const hops = [from, ...span];
  const draftCaveat = caveats.find((line) => line.includes('draft'));
  const crossing = `Upgrading ${from} → ${to} crosses ${plural(span.length, 'minor release')}: ${totalsText(totals)}.`;
  const oneAtATime = span.length > 1 ? `Upgrade one minor release at a time: ${hops.join(' → ')}.` : '';
  const verdict = upgradeVerdict(query.asks, span.length, totals);
  // Asked whether the jump can be made at once, the answer says how to make it before what it crosses.
  const route =
    query.asks !== 'direct'
      ? `${crossing} ${oneAtATime}`
      : oneAtATime
        ? `${oneAtATime} ${crossing}`
        : `${from} → ${to} is one minor release, the step the version skew policy supports. ${crossing}`;
  const summary = route.trim() + (draftCaveat ? ` ${draftCaveat}` : '');
  if (caveats.length) sections.push(section('About the data', { lines: caveats }));
  return makeAnswer(index.footer, {
    intent: 'upgrade',
    title: `Upgrade ${from} → ${to}`,
    summary,
    verdict,
    release: to,
    sections,
    links: [
      { label: 'Deprecated API migration guide', url: DEPRECATION_GUIDE_URL },
      ...span
        .flatMap((version) =>
          index.releaseNotesByVersion.get(version)
            ? [{ label: `${version} release notes draft`, url: index.releaseNotesByVersion.get(version)!.url }]
            : [],
        )
        .slice(-3),
    ],
    suggestions: [
      `deprecations in ${to}`,
      `gates removed or locked between ${from} and ${to}`,
      ...forwardSuggestion(to, latest, upgradeFrom),
    ],
  });
}

const UPGRADE_CUES = new RegExp(
  '\\b(upgrad\\w*|upgarde|upgrdae|migrat\\w*|moving|move|going|go|bump|take|skipping|before)\\b|→|->' +
    '|\\bwhat (breaks|brakes|will break)\\b|\\burgent\\b|\\baction[- ]required\\b|\\bupgrade notes\\b',
);

const NOTES_ASKED = new RegExp(
  '\\burgent( upgrade)? notes?\\b|\\baction[- ]required\\b|\\bupgrade (notes|report|path|checklist)\\b' +
    '|\\bbefore (upgrading|i upgrade|we upgrade|going)\\b' +
    '|\\bwhat (do i|must i|should i) (need to )?(do|change|know)\\b.*\\b(upgrad\\w*|before)\\b',
);

/** "will anything break", "do I need to change anything": a question about what to act on, not the route. */
const ASKS_BREAKS =
  /\b(break\w*|brake|anything|something|action|need to (do|change|fix)|have to (do|change|fix)|issues?)\b/;

const askedOfUpgrade = (question: Question): UpgradeQuery['asks'] =>
  question.has(/\b(straight|directly|direct|skip\w*|jump|at once|in one go|one go|one step)\b/)
    ? 'direct'
    : question.has(ASKS_BREAKS)
      ? 'breaks'
      : 'direct';

function recognize(question: Question) {
  const { versions } = question.entities;
  if (versions.length === 0) return null;
  const notesAsked = question.has(NOTES_ASKED);
  const upgradeWord =
    question.has(/\b(upgrad\w*|upgarde|upgrdae|migrat\w*)\b/) ||
    // "Bump kubernetes to 1.34 in our helm chart", "moving our clusters to 1.33".
    question.has(/\b(bump\w*|moving)\b(?: [\w-]+){0,4} to ver\b/);
  const twoVersions = versions.length >= 2;
  // One release without an upgrade word or a notes question is no upgrade (the cues below need two releases).
  if (!notesAsked && !upgradeWord && !twoVersions) return null;
  const span =
    twoVersions &&
    (question.entities.range ||
      question.has(/\b(from )?ver (to|→|->|through) ver\b|\bver ver\b|\bbetween ver and ver\b/));
  const breaks = question.has(/\bwhat (breaks|brakes|will break)\b|\bbreak\w*\b/);
  // "deprecations between 1.33 and 1.36" is an upgrade span read for its deprecations.
  const spanCue = breaks || question.has(/\bdeprecat\w*/) || question.has(UPGRADE_CUES);
  if (!notesAsked && !upgradeWord && !(twoVersions && spanCue)) return null;
  const toFirst = question.has(/\bto (the )?ver( release)? from ver\b/);
  const [a, b] = spanEnds(question) ?? versions;
  const from = versions.length >= 2 ? (toFirst ? b! : a!) : question.has(/\bfrom ver\b/) ? a! : null;
  const to = versions.length >= 2 ? (toFirst ? a! : b!) : question.has(/\bfrom ver\b/) ? null : a!;
  // A span with upgrade words outranks a bare comparison of the two releases.
  // One release and only the word "upgrade" ("planning the 1.33 upgrade, which features went GA") is a weak reading.
  const sure =
    span || notesAsked || twoVersions || question.has(/\b(from|to) ver\b|\bver upgrade\b.*\bnotes?\b/) || breaks;
  const asks = question.yesNo ? askedOfUpgrade(question) : undefined;
  return {
    score: span ? SCORE.certain + 6 : sure ? SCORE.certain + 3 : SCORE.likely,
    query: { kind: 'upgrade' as const, from, to, ...(asks ? { asks } : {}) },
  };
}

export const upgradeKind: QuestionKind<UpgradeQuery> = {
  kind: 'upgrade',
  intent: 'upgrade',
  schema: UpgradeQuery,
  recognize,
  answer: upgrade,
  examples: ['upgrade from 1.31 to 1.33 / what breaks going 1.24 → 1.25 / urgent upgrade notes for 1.33'],
  vocabulary: words('upgrade upgrades upgrading upgraded urgent action required notes checklist report path breaks'),
};
