import { z } from 'zod';
import { releaseSummary } from '../intents/release-summary.ts';
import { ParseNotes, VersionRef } from '../refs.ts';
import { type QuestionKind, SCORE, words } from './kind.ts';

/** "1.31", "tell me about 1.24", "what's in the latest release". A null version: the latest. */
export const ReleaseSummaryQuery = z.object({
  kind: z.literal('release-summary'),
  version: VersionRef.nullable(),
  notes: ParseNotes,
});
export type ReleaseSummaryQuery = z.infer<typeof ReleaseSummaryQuery>;

export const releaseSummaryKind: QuestionKind<ReleaseSummaryQuery> = {
  schema: ReleaseSummaryQuery,
  kind: 'release-summary',
  intent: 'release-summary',
  recognize: (question) => {
    if (question.topic.length > 0 || question.feature !== null) return null;
    const cue = question.has(
      /\b(codename|called|named|summary|summarize|recap|overview|tl ?dr|bring|brought|big|size|announc\w*|in it|what is in|what in|s in|highlights?|about)\b/,
    );
    if (!question.version && !cue && !question.has(/\b(release|releases|version|versions)\b/)) return null;
    return {
      score: cue && question.version ? SCORE.strong : SCORE.weak,
      query: { kind: 'release-summary', version: question.version },
    };
  },
  answer: releaseSummary,
  examples: ['1.31 — a release: codename, date, lead, enhancements, support'],
  vocabulary: words('release releases version versions codename called named summary recap overview size big'),
};
