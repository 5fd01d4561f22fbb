import { z } from 'zod';
import { KepStage } from '../../domain/kep.ts';
import { kepLookup } from '../intents/kep.ts';
import { FeatureRef, ParseNotes, VersionRef } from '../refs.ts';
import { asksHistory, asksWhen, featureRef, stageOf } from './cues.ts';
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
    const ref = featureRef(question);
    if (
      !ref ||
      asksHistory(question) ||
      (asksWhen(question) && !question.has(/\bwhich (release|version)\b.*\b(in|is|now)\b/))
    )
      return null;
    const stage = stageOf(question);
    const query = { kind: 'kep' as const, ref, askStage: stage, version: question.version };
    if (ref.kind === 'number') {
      // Named by number, gate, well-known name or title: about that KEP, a stage question when it asks one.
      const score =
        question.entities.keps.length > 0 ||
        stage ||
        question.has(/\b(status|state|stage|where|enabled|default|gate|flag|removed|gone|usable|turned on)\b/)
          ? SCORE.strong
          : SCORE.likely + 5;
      return { score, query: { ...query, askStage: question.yesNo || stage ? stage : null } };
    }
    return { score: stage ? SCORE.likely + 5 : SCORE.weak, query: { ...query, askStage: stage } };
  },
  answer: kepLookup,
  examples: ['KEP-3836 / apparmor / NFTablesProxyMode / is nftables GA?'],
  vocabulary: [],
};
