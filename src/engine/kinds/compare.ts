import { z } from 'zod';
import { compare } from '../intents/compare.ts';
import { ParseNotes, VersionRef } from '../refs.ts';
import { type QuestionKind, SCORE, words } from './kind.ts';

/** "compare 1.30 and 1.31", "1.30 vs 1.31". A null `b`: the release before `a`. */
export const CompareQuery = z.object({
  kind: z.literal('compare'),
  a: VersionRef,
  b: VersionRef.nullable(),
  notes: ParseNotes,
});
export type CompareQuery = z.infer<typeof CompareQuery>;

export const compareKind: QuestionKind<CompareQuery> = {
  schema: CompareQuery,
  kind: 'compare',
  intent: 'compare',
  recognize: (question) => {
    const { versions, keps, sig } = question.entities;
    const a = versions[0];
    if (!a || keps.length > 0 || sig || question.has(/\b(remov\w*|deprecat\w*|go away|gone|break\w*)\b/)) return null;
    const asks =
      question.has(/\b(compare|comparison|vs|versus|differences?|diff|differ|side by side)\b/) ||
      (versions.length >= 2 &&
        question.has(/\b(bigger|larger|smaller|more|fewer|less|than)\b|\bver or ver\b|\bbetween ver and ver\b/));
    if (!asks) return null;
    return { score: SCORE.certain + 5, query: { kind: 'compare', a, b: versions[1] ?? null } };
  },
  answer: compare,
  examples: ['compare 1.30 and 1.31'],
  vocabulary: words(
    'compare comparison versus vs difference differences diff differ different bigger larger smaller fewer',
  ),
};
