import { z } from 'zod';
import { search } from '../intents/search.ts';
import { ParseNotes } from '../refs.ts';
import { asksHistory, stageOf } from './cues.ts';
import { type QuestionKind, SCORE } from './kind.ts';

/** Anything else that leaves distinctive words: full-text search over KEP titles, summaries and gates. */
export const SearchQuery = z.object({ kind: z.literal('search'), text: z.string(), notes: ParseNotes });
export type SearchQuery = z.infer<typeof SearchQuery>;

export const searchKind: QuestionKind<SearchQuery> = {
  schema: SearchQuery,
  kind: 'search',
  intent: 'search',
  recognize: (question) => {
    const { keps, sig } = question.entities;
    if (question.subject.length === 0 || keps.length > 0 || stageOf(question) || sig || asksHistory(question)) return null;
    return { score: SCORE.likely - 5, query: { kind: 'search', text: question.subjectText } };
  },
  answer: search,
  examples: [],
  vocabulary: [],
};
