import { z } from 'zod';
import { stageList } from '../intents/stage-list.ts';
import { ListStage, ParseNotes, VersionRef } from '../refs.ts';
import { stageOf } from './cues.ts';
import { type QuestionKind, SCORE, words } from './kind.ts';

/** "what went GA in 1.31", "beta features in 1.30", "graduated to stable in v1.29 for sig-network". */
export const StageListQuery = z.object({
  kind: z.literal('stage-list'),
  version: VersionRef.nullable(),
  stage: ListStage,
  sig: z.string().nullable(),
  notes: ParseNotes,
});
export type StageListQuery = z.infer<typeof StageListQuery>;

export const stageListKind: QuestionKind<StageListQuery> = {
  schema: StageListQuery,
  kind: 'stage-list',
  intent: 'stage-list',
  recognize: (question) => {
    const stage = stageOf(question);
    if (!stage || question.subject.length > 0 || question.entities.keps.length > 0) return null;
    const listed: ListStage = stage === 'alpha' || stage === 'beta' ? stage : 'stable';
    return { score: SCORE.likely + 5, query: { kind: 'stage-list', version: question.version, stage: listed, sig: question.entities.sig } };
  },
  answer: stageList,
  examples: ['what went GA in 1.31 / beta features in 1.30 / new alpha in 1.31'],
  vocabulary: words(`ga stable alpha beta graduate graduated graduates graduating graduation promote promoted promotion
    promotions stage stages milestone milestones generally available availability general`),
};
