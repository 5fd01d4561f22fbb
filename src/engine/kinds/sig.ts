import { z } from 'zod';
import { sigView } from '../intents/sig.ts';
import { ParseNotes, VersionRef } from '../refs.ts';
import { asksHistory, stageOf } from './cues.ts';
import { type QuestionKind, SCORE } from './kind.ts';

/** "what did SIG Storage ship in 1.31". sig: a slug such as "sig-storage". */
export const SigQuery = z.object({ kind: z.literal('sig'), sig: z.string(), version: VersionRef.nullable(), notes: ParseNotes });
export type SigQuery = z.infer<typeof SigQuery>;

export const sigKind: QuestionKind<SigQuery> = {
  schema: SigQuery,
  kind: 'sig',
  intent: 'sig',
  recognize: (question) => {
    const { sig, keps } = question.entities;
    if (!sig || keps.length > 0 || stageOf(question)) return null;
    if (question.subject.length === 0) return { score: SCORE.likely, query: { kind: 'sig', sig, version: question.version } };
    if (asksHistory(question)) return null;
    return { score: SCORE.likely - 5, query: { kind: 'sig', sig, version: question.version } };
  },
  answer: sigView,
  examples: ['what did SIG Storage ship in 1.31'],
  vocabulary: [],
};
