import { z } from 'zod';
import { releaseSummary } from '../intents/release-summary.ts';
import { ParseNotes, VersionRef } from '../refs.ts';
import type { Question } from '../understand/question.ts';
import { overSpan, untilOf } from '../span.ts';
import { type QuestionKind, SCORE, words } from './kind.ts';

/** "1.31", "tell me about 1.24", "what's in the latest release". A null version: the latest. */
export const ReleaseSummaryQuery = z.object({
  kind: z.literal('release-summary'),
  version: VersionRef.nullable(),
  /** The other end of a range ("… 1.30 - 1.33"): every release from `version` to it. */
  until: VersionRef.optional(),
  /**
   * A yes/no question about something other than whether the release is out ("was 1.31 a big release?", "is 1.31
   * called Octarine?"): the summary gives the facts without a yes or no it cannot vouch for.
   */
  asks: z.enum(['other', 'latest']).optional(),
  notes: ParseNotes,
});
export type ReleaseSummaryQuery = z.infer<typeof ReleaseSummaryQuery>;

/** "1.34 is the latest release", "is 1.35 the newest version?": the versions read "ver is the ver", one of them 'latest'. */
const CLAIMS_LATEST = /\bver (?:is|was|=) (?:the |our )?ver\b|\bis ver (?:the |our )?ver\b/;

function claimedLatest(question: Question): VersionRef | null {
  const [first, second] = question.entities.versions;
  if (question.entities.versions.length !== 2 || !question.has(CLAIMS_LATEST)) return null;
  const exact = [first, second].find((ref) => ref?.kind === 'exact');
  const latest = [first, second].find((ref) => ref?.kind === 'relative' && ref.which === 'latest');
  return exact && latest ? exact : null;
}

/** "How many enhancements did it have": the release's size, not one stage's or one SIG's count. */
const HOW_MANY_IN_ALL =
  /\bhow many (enhancements|features|keps|changes)\b(?!.*\b(ga|stable|beta|alpha|graduat\w*|deprecat\w*|remov\w*)\b)/;

/** "is 1.31 out yet?", "has 1.37 shipped?": the yes/no the release summary settles. */
const ASKS_OUT = /\b(out|released|ship\w*|available|launch\w*|ga|exist\w*|happen\w*|there|yet|already)\b/;

export const releaseSummaryKind: QuestionKind<ReleaseSummaryQuery> = {
  schema: ReleaseSummaryQuery,
  kind: 'release-summary',
  intent: 'release-summary',
  recognize: (question) => {
    if (question.topic.length > 0 || question.feature !== null) return null;
    const cue =
      question.has(
        /\b(codename|called|named|summary|summarize|recap|overview|tl ?dr|bring|brought|big|size|announc\w*|in it|what is in|what in|s in|highlights?)\b|\b(tell me|what|how|all|more) about\b|\babout (the )?ver\b/,
      ) ||
      (question.entities.sig === null && question.has(HOW_MANY_IN_ALL));
    if (!question.version && !cue && !question.has(/\b(release|releases|version|versions)\b/)) return null;
    const claimed = claimedLatest(question);
    if (claimed)
      return { score: SCORE.strong, query: { kind: 'release-summary', version: claimed, asks: 'latest' as const } };
    const other = question.yesNo && !question.has(ASKS_OUT);
    return {
      score: cue && question.version ? SCORE.strong : SCORE.weak,
      query: {
        kind: 'release-summary',
        version: question.version,
        ...(other ? { asks: 'other' as const } : {}),
        ...untilOf(question.entities),
      },
    };
  },
  answer: overSpan(releaseSummary, 'release-summary', (from, to) => `Kubernetes ${from} to ${to}`),
  examples: ['1.31 — a release: codename, date, lead, enhancements, support'],
  vocabulary: words('release releases version versions codename called named summary recap overview size big'),
};
