import { z } from 'zod';
import { KepStage } from '../../domain/kep.ts';
import { history } from '../intents/history.ts';
import { FeatureRef, ParseNotes } from '../refs.ts';
import { asksHistory, asksWhen, featureRef, INTRODUCED, stageOf } from './cues.ts';
import { type QuestionKind, SCORE, words } from './kind.ts';

/** "when did AppArmor go GA", "when will sidecar containers be stable", "history of apparmor". */
export const HistoryQuery = z.object({
  kind: z.literal('history'),
  ref: FeatureRef,
  stage: KepStage.nullable(),
  notes: ParseNotes,
});
export type HistoryQuery = z.infer<typeof HistoryQuery>;

export const historyKind: QuestionKind<HistoryQuery> = {
  schema: HistoryQuery,
  kind: 'history',
  intent: 'history',
  recognize: (question) => {
    const ref = featureRef(question);
    if (!ref) return null;
    const stage = stageOf(question);
    const timeline =
      asksHistory(question) ||
      question.has(
        /\b(timeline|journey|path|how long did|how many releases|first (show|appear|land)\w*|move[ds]? through)\b/,
      );
    if (!timeline && !asksWhen(question)) return null;
    const score = ref.kind === 'number' ? SCORE.strong + 5 : SCORE.likely + 5;
    return { score, query: { kind: 'history', ref, stage: stage ?? (question.has(INTRODUCED) ? 'alpha' : null) } };
  },
  answer: history,
  examples: ['when did AppArmor go GA / when will <feature> be stable'],
  vocabulary: words('history introduced added created proposed since timeline journey'),
};
