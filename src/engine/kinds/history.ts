import { z } from 'zod';
import { KepStage } from '../../domain/kep.ts';
import { history } from '../intents/history.ts';
import { FeatureRef, ParseNotes } from '../refs.ts';
import { asksHistory, asksWhen, INTRODUCED, stageOf } from './cues.ts';
import { type QuestionKind, SCORE, words } from './kind.ts';

/** "when did AppArmor go GA", "when will sidecar containers be stable", "history of apparmor". */
export const HistoryQuery = z.object({ kind: z.literal('history'), ref: FeatureRef, stage: KepStage.nullable(), notes: ParseNotes });
export type HistoryQuery = z.infer<typeof HistoryQuery>;

export const historyKind: QuestionKind<HistoryQuery> = {
  schema: HistoryQuery,
  kind: 'history',
  intent: 'history',
  recognize: (question) => {
    const stage = stageOf(question);
    const number = question.entities.keps[0];
    if (number !== undefined) {
      if (!asksWhen(question) && !question.has(/\bhistory\b/)) return null;
      return { score: SCORE.likely + 10, query: { kind: 'history', ref: { kind: 'number', number }, stage: stage ?? (question.has(INTRODUCED) ? 'alpha' : null) } };
    }
    if (question.subject.length === 0) return null;
    const ref = { kind: 'text' as const, text: question.subjectText };
    if (stage) return asksWhen(question) ? { score: SCORE.likely + 5, query: { kind: 'history', ref, stage } } : null;
    if (!asksHistory(question)) return null;
    return { score: SCORE.likely - 5, query: { kind: 'history', ref, stage: question.has(INTRODUCED) ? 'alpha' : null } };
  },
  answer: history,
  examples: ['when did AppArmor go GA / when will <feature> be stable'],
  vocabulary: words('history introduced added created proposed since'),
};
