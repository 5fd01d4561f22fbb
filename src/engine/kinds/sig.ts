import { z } from 'zod';
import { sigView } from '../intents/sig.ts';
import { ParseNotes, VersionRef } from '../refs.ts';
import { stageOf } from './cues.ts';
import { sigName } from '../format.ts';
import { overSpan, untilOf } from '../span.ts';
import { type QuestionKind, SCORE } from './kind.ts';

/** "what did SIG Storage ship in 1.31". sig: a slug such as "sig-storage". */
export const SigQuery = z.object({
  kind: z.literal('sig'),
  sig: z.string(),
  version: VersionRef.nullable(),
  /** The other end of a range ("… 1.30 - 1.33"): every release from `version` to it. */
  until: VersionRef.optional(),
  notes: ParseNotes,
});
export type SigQuery = z.infer<typeof SigQuery>;

export const sigKind: QuestionKind<SigQuery> = {
  schema: SigQuery,
  kind: 'sig',
  intent: 'sig',
  recognize: (question) => {
    const { sig, keps } = question.entities;
    if (!sig || keps.length > 0 || (question.topic.length > 0 && question.version === null)) return null;
    // "What did SIG Node take to stable in 1.35": the SIG's own view; "what went GA for sig-apps" is a stage list.
    const sigAsSubject = question.has(
      /\b(what|which)\b( did| has| have)? sigref\b|\bsigref (work|ship\w*|deliver\w*|features|keps|do|did)\b|^sigref\b/,
    );
    if (stageOf(question) && !sigAsSubject) return null;
    return {
      // The SIG as the subject ("SIG Network work from 1.31 to 1.33") outranks a bare span's guess at an upgrade.
      score: sigAsSubject ? (stageOf(question) ? SCORE.strong + 5 : SCORE.strong) : SCORE.likely,
      query: { kind: 'sig', sig, version: question.version, ...untilOf(question.entities) },
    };
  },
  answer: overSpan(sigView, 'sig', (from, to, query) => `${sigName(query.sig)} in Kubernetes ${from} to ${to}`),
  examples: ['what did SIG Storage ship in 1.31'],
  vocabulary: [],
};
