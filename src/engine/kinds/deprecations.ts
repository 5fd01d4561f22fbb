import { z } from 'zod';
import { deprecations } from '../intents/deprecations.ts';
import { ParseNotes, VersionRef } from '../refs.ts';
import type { Question } from '../understand/question.ts';
import { type Candidate, type QuestionKind, SCORE, words } from './kind.ts';

/** "what was removed in 1.24", "deprecations in 1.31", "upgrade from 1.24 to 1.26", "is PodSecurityPolicy removed". */
export const DeprecationsQuery = z.object({
  kind: z.literal('deprecations'),
  version: VersionRef.nullable(),
  /** Set for upgrades: everything removed after `from` up to and including `to`. */
  upgrade: z.object({ from: VersionRef.nullable(), to: VersionRef.nullable() }).nullable(),
  focus: z.enum(['removed', 'deprecated', 'both']),
  /** An API kind or group/version the user named ("PodSecurityPolicy", "policy/v1beta1"). */
  subject: z.string().nullable(),
  notes: ParseNotes,
});
export type DeprecationsQuery = z.infer<typeof DeprecationsQuery>;

/** The subject words as the user cased them. */
const cased = (question: Question, subject: string[]): string => {
  const original = new Map(question.original.split(/[^\p{L}\p{N}/\-]+/u).map((token) => [token.toLowerCase(), token] as const));
  return subject.map((word) => original.get(word) ?? word).join(' ');
};

function upgrade(question: Question): Candidate<DeprecationsQuery> | null {
  const { versions } = question.entities;
  const span = question.has(/\bfrom ver (to|through|thru|until|->) ver\b/) || question.has(/\bver (->|to) ver\b/);
  if (!question.has(/\b(upgrad\w*|migrat\w*)\b/) && !(span && versions.length === 2)) return null;
  const explicitFrom = question.has(/\bfrom ver\b/) || span;
  const from = versions.length >= 2 || explicitFrom ? question.version : null;
  const to = versions.length >= 2 ? versions[1]! : explicitFrom ? null : question.version;
  return { score: SCORE.certain, query: { kind: 'deprecations', version: null, upgrade: { from, to }, focus: 'removed', subject: null } };
}

function removals(question: Question): Candidate<DeprecationsQuery> | null {
  const { subject } = question;
  const { apiVersion } = question.entities;
  const deprecated = question.has(/\bdeprecat\w*/);
  const removed = question.has(/\b(remov\w*|delet\w*|dropped|drop|gone|breaks?|breaking|no longer served)\b/);
  if (deprecated || removed) {
    const focus = deprecated && removed ? 'both' : removed ? 'removed' : 'deprecated';
    const rest = subject.filter((word) => !apiVersion?.includes(word));
    const named = apiVersion ? [apiVersion, ...rest].join(' ') : subject.length > 0 && subject.length <= 4 ? cased(question, subject) : null;
    if (subject.length <= 4 || apiVersion) {
      return { score: SCORE.certain - 15, query: { kind: 'deprecations', version: question.version, upgrade: null, focus, subject: named } };
    }
  }
  // An API group/version ("extensions/v1beta1 ingress") is a question about its deprecation.
  if (apiVersion && subject.length <= 3) {
    const named = [apiVersion, ...subject.filter((word) => !apiVersion.includes(word))].join(' ');
    return { score: SCORE.strong, query: { kind: 'deprecations', version: null, upgrade: null, focus: 'both', subject: named } };
  }
  return null;
}

export const deprecationsKind: QuestionKind<DeprecationsQuery> = {
  schema: DeprecationsQuery,
  kind: 'deprecations',
  intent: 'deprecations',
  recognize: (question) => upgrade(question) ?? removals(question),
  answer: deprecations,
  examples: ['what was removed in 1.25 / deprecations in 1.31 / upgrade from 1.24 to 1.26'],
  vocabulary: words(`deprecate deprecated deprecates deprecation deprecations remove removed removes removal removals
    deleted delete dropped drop breaks break breaking upgrade upgrades upgrading migrate migrating migration apis api gone served`),
};
