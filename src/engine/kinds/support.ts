import { z } from 'zod';
import type { Answer } from '../../domain/answer.ts';
import type { EngineIndex } from '../engine-index.ts';
import { support } from '../intents/support.ts';
import { ParseNotes, Period, VersionRef } from '../refs.ts';
import { overSpan, untilOf } from '../span.ts';
import { VERSION_PLACEHOLDER } from '../understand/entities.ts';
import type { Question } from '../understand/question.ts';
import { type QuestionKind, SCORE, words } from './kind.ts';

/** "is 1.28 still supported", "when does 1.31 reach end of life", "which versions are supported", "latest patch of 1.30". */
export const SupportQuery = z.object({
  kind: z.literal('support'),
  version: VersionRef.nullable(),
  /** The other end of a range ("… 1.30 - 1.33"): every release from `version` to it. */
  until: VersionRef.optional(),
  /** "Was 1.33 supported on 2026-05-01?": the day the status is asked for (ISO), never after the answer's `now`. */
  on: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  /** "Which versions went EOL in 2024": the releases whose end of life falls in this span (ISO days, inclusive). */
  within: Period.optional(),
  ask: z.enum(['status', 'eol', 'list', 'latest-patch']),
  notes: ParseNotes,
});
export type SupportQuery = z.infer<typeof SupportQuery>;

/** Every cue of the end of support, the support status or a patch below holds one of these: most questions hold none. */
const MIGHT_ASK_SUPPORT = /eol|end of|support|maintain|maintenance|stop|still|patch/;

const ASKS_END_OF_SUPPORT = new RegExp(
  String.raw`\b(eol|end of life|end of support|support ends?|support end|out of support` +
    String.raw`|maintenance|stop\w* (receiving|getting))\b|\b(how long|until when|how many (months|weeks|days))\b.*\b(support\w*` +
    String.raw`|patch\w*|maintain\w*)\b`,
);

/** The status as of the day asked about, when that day is before `now` (an answer never looks past its `now`). */
function supportOn(query: SupportQuery, index: EngineIndex, now: Date): Answer {
  const day = query.on ? new Date(`${query.on}T12:00:00Z`) : null;
  return support(query, index, day && day < now ? day : now);
}

/** "is <x> still supported": the words before "supported". */
const SUPPORTED_SUBJECT =
  /\b(?:is|are|was|were)\s+((?:[\w-]+\s+){0,3}?[\w-]+)\s+(?:still\s+)?(?:supported|maintained)\b/;

function supportedSubjectIsTopic(question: Question): boolean {
  const subject = SUPPORTED_SUBJECT.exec(question.text)?.[1]?.split(' ');
  // "is 1.33 stil suported": a release in the subject is what is asked about, whatever else is there.
  if (subject === undefined || subject.includes(VERSION_PLACEHOLDER)) return false;
  return question.topic.some((word) => subject.includes(word));
}

export const supportKind: QuestionKind<SupportQuery> = {
  schema: SupportQuery,
  kind: 'support',
  intent: 'support',
  recognize: (question) => {
    const { entities: found, version } = question;
    if (!found.latestPatch && !MIGHT_ASK_SUPPORT.test(question.text)) return null;
    const asksEol = question.has(ASKS_END_OF_SUPPORT);
    // "Is 1.33 still getting patches?" asks whether it is supported, not which patch is the latest.
    const continues = question.has(/\bstill (get|gets|getting|receiv\w*)\b/);
    const asksPatch =
      !continues &&
      (found.latestPatch ||
        question.has(/\bpatch (release|version)s?\b/) ||
        (found.versions.length > 0 && !asksEol && question.has(/\bpatch(es)?\b/)));
    const asksSupport = question.has(
      /\b(supported|unsupported|still maintained|maintained|in (standard |extended )?support|support (status|window|period|policy|dates?)|still (get|getting|receiv)\w*)\b/,
    );
    if (!(asksPatch || asksEol || asksSupport)) return null;
    // "We are stuck on 1.27 because of a vendor, is it still supported?": a release and a support cue decide it.
    if ((question.topic.length > 0 || question.feature !== null) && version === null) return null;
    // "Is cgroup v1 still supported in 1.35?" asks about cgroup v1, not about 1.35.
    if (supportedSubjectIsTopic(question)) return null;
    // "Which minors are supported, and which is the newest?": the list, whatever release it also names by a word.
    const asksWhich = version?.kind !== 'exact' && question.has(/\bwhich (minors?|versions?|releases?)\b/);
    const ask = asksPatch ? 'latest-patch' : asksEol ? 'eol' : version && !asksWhich ? 'status' : 'list';
    const [day] = question.entities.dates;
    const on =
      day && ask === 'status' && question.has(/\b(supported|in support|maintained) (on|as of|at|in)\b/)
        ? { on: day }
        : {};
    const [period] = question.entities.periods;
    const within = period && ask === 'eol' && version === null ? { within: period } : {};
    return {
      score: SCORE.certain - 10,
      query: { kind: 'support', version, ask, ...untilOf(question.entities), ...on, ...within },
    };
  },
  answer: overSpan(supportOn, 'support', (from, to) => `Support for Kubernetes ${from} to ${to}`),
  examples: ['is 1.28 still supported / which versions are supported / latest patch of 1.30'],
  vocabulary: words(
    'supported unsupported support maintained maintenance eol end life lts patch patches final security mode',
  ),
};
