import { z } from 'zod';
import { deprecations } from '../intents/deprecations.ts';
import { overSpan } from '../span.ts';
import { upgrade as upgradeReport } from './upgrade.ts';
import { ParseNotes, VersionRef } from '../refs.ts';
import type { Question } from '../understand/question.ts';
import { stageOf } from './cues.ts';
import { type Candidate, type QuestionKind, SCORE, words } from './kind.ts';

/** "what was removed in 1.24", "deprecations in 1.31", "upgrade from 1.24 to 1.26", "is PodSecurityPolicy removed". */
export const DeprecationsQuery = z.object({
  kind: z.literal('deprecations'),
  version: VersionRef.nullable(),
  /** The other end of a range ("deprecations 1.22 - 1.25"): each release's list from `version` to it. */
  until: VersionRef.optional(),
  /** Set for upgrades: everything removed after `from` up to and including `to`. */
  upgrade: z.object({ from: VersionRef.nullable(), to: VersionRef.nullable() }).nullable(),
  focus: z.enum(['removed', 'deprecated', 'both']),
  /** An API kind or group/version the user named ("PodSecurityPolicy", "policy/v1beta1"). */
  subject: z.string().nullable(),
  /** "Is extensions/v1beta1 still served?": the yes/no is whether it is still there, not whether it is gone. */
  asks: z.literal('served').optional(),
  notes: ParseNotes,
});
export type DeprecationsQuery = z.infer<typeof DeprecationsQuery>;

/** The subject words as the user cased them. */
const cased = (question: Question, subject: string[]): string => {
  const original = new Map(
    question.original.split(/[^\p{L}\p{N}/-]+/u).map((token) => [token.toLowerCase(), token] as const),
  );
  return subject.map((word) => original.get(word) ?? word).join(' ');
};

/** Words that make a span an upgrade (the upgrade report) rather than a span of release lists. */
const UPGRADE_WORDS =
  /\b(upgrad\w*|migrat\w*|moving|move|going|bump\w*|before|skip\w*|breaks?|breaking)\b|\bgo (?!away)/;

/**
 * "deprecations 1.22 - 1.25", "which apis go away between 1.24 and 1.27": a range asked for its deprecations or
 * removals alone is each release's list, not an upgrade report; it outranks the upgrade reading of the same span.
 */
function span(question: Question): Candidate<DeprecationsQuery> | null {
  const { versions, range } = question.entities;
  // Gates removed over a span are the feature-gate kind's ("gates removed or locked between 1.30 and 1.33").
  if (!range || versions.length !== 2 || question.has(UPGRADE_WORDS) || question.has(/\bgates?\b/)) return null;
  const deprecated = question.has(/\bdeprecat\w*/);
  const removed = question.has(/\b(remov\w*|gone|go away|goes away|dropped|no longer served|stop\w* serving)\b/);
  if (!deprecated && !removed) return null;
  const focus = deprecated && !question.has(/\b(remov\w*|gone|go away|goes away|dropped)\b/) ? 'deprecated' : 'removed';
  // "deprecations between 1.33 and 1.36" is what the upgrade across it meets (kinds/upgrade.ts).
  if (focus === 'deprecated' && question.has(/\bbetween ver and ver\b/)) return null;
  return {
    score: SCORE.certain + 7,
    query: { kind: 'deprecations', version: versions[0]!, until: versions[1]!, upgrade: null, focus, subject: null },
  };
}

const UPGRADE_OR_MIGRATE = /\b(upgrad\w*|migrat\w*)\b/;

function upgrade(question: Question): Candidate<DeprecationsQuery> | null {
  const { versions } = question.entities;
  // Without two versions only an upgrade word makes an upgrade (the checks below would end the same way).
  if (versions.length !== 2 && !question.has(UPGRADE_OR_MIGRATE)) return null;
  const breaks = question.has(/\b(remov\w*|break\w*|deprecat\w*|go away|gone|apis?|what changes?|need to change)\b/);
  // "Which features graduated to stable in the 1.33 upgrade", "what went GA from 1.34 to 1.36": a stage list.
  if (stageOf(question) && !breaks) return null;
  const span =
    question.has(/\bfrom ver (to|through|thru|until|->) ver\b/) ||
    question.has(/\bver (->|to) ver\b/) ||
    (breaks && question.has(/\bbetween ver and ver\b/));
  if (!question.has(UPGRADE_OR_MIGRATE) && !(span && versions.length === 2)) return null;
  const explicitFrom = question.has(/\bfrom ver\b/) || span;
  const from = versions.length >= 2 || explicitFrom ? question.version : null;
  const to = versions.length >= 2 ? versions[1]! : explicitFrom ? null : question.version;
  // A bare span ("release leads from 1.33 to 1.36") is only a guess at an upgrade: any kind that reads more wins.
  const cued = breaks || question.has(UPGRADE_OR_MIGRATE) || question.has(UPGRADE_WORDS);
  return {
    score: cued ? SCORE.certain : SCORE.likely,
    query: { kind: 'deprecations', version: null, upgrade: { from, to }, focus: 'removed', subject: null },
  };
}

const ASKS_SERVED =
  /\bstill (served|available|there|around|work\w*|usable|supported|exists?|apply|valid)\b|\bcan (i|we|you) still\b/;
const served = (question: Question): { asks?: 'served' } => (question.has(ASKS_SERVED) ? { asks: 'served' } : {});

/** Every deprecation or removal word below holds one of these; without one, only an API group/version is asked. */
const MIGHT_NAME_REMOVAL = /deprecat|remov|delet|drop|gone|go away|break|no longer served|stop|kill|unavailable|still/;

function removals(question: Question): Candidate<DeprecationsQuery> | null {
  const { apiVersion, apis } = question.entities;
  if (!apiVersion && !question.has(MIGHT_NAME_REMOVAL)) return null;
  // A feature named without an API or a removal word is a question about that KEP.
  if (question.feature !== null && apis.length === 0 && !question.has(/\b(remov\w*|gone|deprecat\w*)\b/)) return null;
  const kinds = apis.filter((api) => api !== apiVersion).map((api) => api.toLowerCase());
  // Ordinary words ("what apis did 1.22 kill", "… break my helm charts") name no API: only distinctive ones do.
  const subject = kinds.length > 0 ? kinds : question.feature !== null ? question.subject : question.topic;
  const deprecated = question.has(/\bdeprecat\w*/);
  const removed = question.has(
    /\b(remov\w*|delet\w*|dropped|drop|gone|go away|breaks?|breaking|no longer served|stop\w* (serving|working)|kill\w*|unavailable|still (served|apply))\b/,
  );
  // "Drop table" is not a question about removals: a bare removal word needs a release, an API or a feature.
  const about =
    deprecated ||
    question.version !== null ||
    apis.length > 0 ||
    question.feature !== null ||
    question.has(/\bapis?\b/);
  if ((deprecated || removed) && about) {
    // "Deprecated APIs in 1.26" reads like the Deprecated API Migration Guide, whose sections are the releases that
    // remove them: the answer gives both lists.
    const focus =
      deprecated && (removed || question.has(/\b(apis?|migration guide)\b/))
        ? 'both'
        : removed
          ? 'removed'
          : 'deprecated';
    const rest = subject.filter((word) => !apiVersion?.includes(word));
    const named = apiVersion
      ? [apiVersion, ...rest].join(' ')
      : apis.length > 0
        ? apis.join(' ')
        : subject.length > 0 && subject.length <= 4
          ? cased(question, subject)
          : null;
    if (question.topic.length <= 2 || apiVersion) {
      return {
        score: SCORE.certain - 15,
        query: {
          kind: 'deprecations',
          version: question.version,
          upgrade: null,
          focus,
          subject: named,
          ...served(question),
        },
      };
    }
  }
  // An API group/version ("extensions/v1beta1 ingress") is a question about its deprecation.
  if (apiVersion && subject.length <= 3) {
    const named = [apiVersion, ...subject.filter((word) => !apiVersion.includes(word))].join(' ');
    return {
      score: SCORE.strong,
      query: { kind: 'deprecations', version: null, upgrade: null, focus: 'both', subject: named, ...served(question) },
    };
  }
  return null;
}

const spanOfLists = overSpan(
  deprecations,
  'deprecations',
  (from, to, query) => `${query.focus === 'deprecated' ? 'Deprecations' : 'Removals'} in Kubernetes ${from} to ${to}`,
);

export const deprecationsKind: QuestionKind<DeprecationsQuery> = {
  schema: DeprecationsQuery,
  kind: 'deprecations',
  intent: 'deprecations',
  recognize: (question) => span(question) ?? upgrade(question) ?? removals(question),
  // An upgrade span gets the one upgrade report (kinds/upgrade.ts), which includes the removals.
  answer: (query, index, now) =>
    query.upgrade
      ? upgradeReport(
          { kind: 'upgrade', from: query.upgrade.from, to: query.upgrade.to, notes: query.notes },
          index,
          now,
        )
      : spanOfLists(query, index, now),
  examples: ['what was removed in 1.25 / deprecations in 1.31 / upgrade from 1.24 to 1.26'],
  vocabulary: words(`deprecate deprecated deprecates deprecation deprecations remove removed removes removal removals
    deleted delete dropped drop breaks break breaking upgrade upgrades upgrading migrate migrating migration apis api gone served`),
};
