import { z } from 'zod';
import { KepStage } from '../../domain/kep.ts';
import { kepLookup } from '../intents/kep.ts';
import { FeatureRef, ParseNotes, VersionRef } from '../refs.ts';
import { asksWhen, stageOf } from './cues.ts';
import { type QuestionKind, SCORE } from './kind.ts';

/** "KEP-3836", "#24", "is nftables GA?" (askStage set), "was AppArmor beta in 1.29" (version set). */
export const KepQuery = z.object({
  kind: z.literal('kep'),
  ref: FeatureRef,
  askStage: KepStage.nullable(),
  /** "was X beta in 1.29": the release the stage question is about. */
  version: VersionRef.nullable(),
  notes: ParseNotes,
});
export type KepQuery = z.infer<typeof KepQuery>;

export const kepKind: QuestionKind<KepQuery> = {
  schema: KepQuery,
  kind: 'kep',
  intent: 'kep',
  recognize: (question) => {
    const stage = stageOf(question);
    const number = question.entities.keps[0];
    if (number !== undefined) {
      if (asksWhen(question) || question.has(/\bhistory\b/)) return null;
      return { score: SCORE.likely + 10, query: { kind: 'kep', ref: { kind: 'number', number }, askStage: question.yesNo ? stage : null, version: question.version } };
    }
    if (!stage || question.subject.length === 0 || asksWhen(question)) return null;
    return { score: SCORE.likely + 5, query: { kind: 'kep', ref: { kind: 'text', text: question.subjectText }, askStage: stage, version: question.version } };
  },
  answer: kepLookup,
  examples: ['KEP-3836 / apparmor / NFTablesProxyMode / is nftables GA?'],
  vocabulary: [],
};

