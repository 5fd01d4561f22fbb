import { z } from 'zod';
import { compare } from '../intents/compare.ts';
import { ParseNotes, VersionRef } from '../refs.ts';
import type { Question } from '../understand/question.ts';
import { stageOf } from './cues.ts';
import { type QuestionKind, SCORE, words } from './kind.ts';

/** "compare 1.30 and 1.31", "1.30 vs 1.31". A null `b`: the release before `a`. */
export const CompareQuery = z.object({
  kind: z.literal('compare'),
  a: VersionRef,
  b: VersionRef.nullable(),
  /**
   * A yes/no comparison ("is 1.33 bigger than 1.32?"): does `a` have more (or fewer) than `b`, counting
   * enhancements or stable graduations.
   */
  asks: z.object({ than: z.enum(['more', 'fewer']), measure: z.enum(['enhancements', 'stable']) }).optional(),
  notes: ParseNotes,
});
export type CompareQuery = z.infer<typeof CompareQuery>;

const MORE = /\b(bigger|larger|more|greater|longer)\b/;
const FEWER = /\b(smaller|fewer|less|shorter)\b/;

/** "is 1.33 bigger than 1.32?", "did 1.31 graduate fewer features to GA than 1.30?": which way, counting what. */
function askedComparison(question: Question): CompareQuery['asks'] | null {
  const than = question.has(MORE) ? 'more' : question.has(FEWER) ? 'fewer' : null;
  if (!than) return null;
  return { than, measure: question.has(/\b(ga|stable|graduat\w*)\b/) ? 'stable' : 'enhancements' };
}

export const compareKind: QuestionKind<CompareQuery> = {
  schema: CompareQuery,
  kind: 'compare',
  intent: 'compare',
  recognize: (question) => {
    const { versions, keps, sig } = question.entities;
    const a = versions[0];
    if (!a || keps.length > 0 || sig) return null;
    const named = question.has(/\b(compare|comparison|vs|versus|differences?|diff|differ|side by side)\b/);
    // One release is compared only when the word says so.
    if (!named && versions.length < 2) return null;
    if (question.has(/\b(remov\w*|deprecat\w*|go away|gone|break\w*)\b/)) return null;
    const compares =
      named ||
      (versions.length >= 2 &&
        (question.has(/\b(bigger|larger|smaller|more|fewer|less|than|different)\b|\bver or ver\b/) ||
          // "what went stable between 1.31 and 1.33" is a range of stage lists, not two releases side by side.
          (question.has(/\bbetween ver and ver\b/) && !stageOf(question))));
    if (!compares) return null;
    const asks = question.yesNo && versions.length >= 2 ? askedComparison(question) : null;
    return {
      score: SCORE.certain + 5,
      query: { kind: 'compare', a, b: versions[1] ?? null, ...(asks ? { asks } : {}) },
    };
  },
  answer: compare,
  examples: ['compare 1.30 and 1.31'],
  vocabulary: words(
    'compare comparison versus vs difference differences diff differ different bigger larger smaller fewer',
  ),
};
