import { z } from 'zod';
import { search } from '../intents/search.ts';
import { ParseNotes } from '../refs.ts';
import { type QuestionKind, SCORE } from './kind.ts';

/** Anything else that leaves distinctive words: full-text search over KEP titles, summaries and gates. */
export const SearchQuery = z.object({
  kind: z.literal('search'),
  text: z.string(),
  /** "KEPs about seccomp": the user asked for the list of matches, even when one KEP stands out. */
  list: z.boolean().default(false),
  /**
   * Every word is ordinary English ("drop table subscriptions"): matches count only when they hold several of
   * the words, not one word a title happens to share.
   */
  plain: z.boolean().default(false),
  notes: ParseNotes,
});
export type SearchQuery = z.infer<typeof SearchQuery>;

export const searchKind: QuestionKind<SearchQuery> = {
  schema: SearchQuery,
  kind: 'search',
  intent: 'search',
  recognize: (question) => {
    // "KEPs about seccomp", "find KEPs on pod priority", "is there a KEP for kubectl debug".
    const asked =
      /\b(?:keps?|enhancements?|proposals?)\b\s*(?:about|on|for|mentioning|around|regarding|covering|related to|that mention|touch(?:ing)?)\s+(.+)$/.exec(
        question.lowered,
      ) ?? /^\s*(?:kep )?search:?\s+(.+)$/.exec(question.lowered);
    const topic = asked
      ? asked[1]!
          .replace(/[?!.]+$/, '')
          .replace(/^the\s+/, '')
          .trim()
      : '';
    if (topic) return { score: SCORE.certain, query: { kind: 'search', text: topic, list: true, plain: false } };
    if (question.subject.length === 0 || question.entities.keps.length > 0) return null;
    const plain = question.topic.length === 0;
    return {
      score: plain ? SCORE.weak - 5 : SCORE.likely - 5,
      query: { kind: 'search', text: question.subjectText(), list: false, plain },
    };
  },
  answer: search,
  examples: [],
  vocabulary: ['search', 'find'],
};
