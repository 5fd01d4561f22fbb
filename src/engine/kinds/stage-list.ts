import { z } from 'zod';
import { stageList } from '../intents/stage-list.ts';
import { ListStage, ParseNotes, VersionRef } from '../refs.ts';
import { overSpan, untilOf } from '../span.ts';
import { asksList, stageOf } from './cues.ts';
import { type QuestionKind, SCORE, words } from './kind.ts';

/** "what went GA in 1.31", "beta features in 1.30", "graduated to stable in v1.29 for sig-network". */
export const StageListQuery = z.object({
  kind: z.literal('stage-list'),
  version: VersionRef.nullable(),
  stage: ListStage,
  sig: z.string().nullable(),
  /** The other end of a range ("GA features in 1.28 - 1.30"): every release from `version` to it, both included. */
  until: VersionRef.optional(),
  notes: ParseNotes,
});
export type StageListQuery = z.infer<typeof StageListQuery>;

const SHIPPED_TITLE = { stable: 'Graduated to stable', beta: 'Beta', alpha: 'Alpha' } as const;

export const stageListKind: QuestionKind<StageListQuery> = {
  schema: StageListQuery,
  kind: 'stage-list',
  intent: 'stage-list',
  recognize: (question) => {
    const stage = stageOf(question);
    if (!stage || question.entities.keps.length > 0) return null;
    // A stage and a release are a list question whatever else the sentence says ("I maintain a CNI plugin; …").
    const anchored = question.version !== null && asksList(question);
    if (question.topic.length > 0 && !anchored) return null;
    const listed: ListStage = stage === 'alpha' || stage === 'beta' ? stage : 'stable';
    const query = {
      kind: 'stage-list' as const,
      version: question.version,
      stage: listed,
      sig: question.entities.sig,
      ...untilOf(question.entities),
    };
    // "Which features went GA in 1.33, did sidecars make it?": the list, which answers both parts.
    if (asksList(question)) return { score: SCORE.strong, query };
    // "heads up: 1.35 finally took things GA": a statement about a release's list. One that names a feature ("swap
    // went GA in 1.32", "sidecars went alpha in 1.28 and GA in 1.33") is about that feature: its KEP confirms or
    // corrects it.
    if (question.version !== null && !question.yesNo && question.feature === null)
      return { score: SCORE.strong, query };
    return { score: question.feature !== null ? SCORE.weak : SCORE.likely + 5, query };
  },
  answer: overSpan(
    stageList,
    'stage-list',
    (from, to, query) => `${SHIPPED_TITLE[query.stage]} in Kubernetes ${from} to ${to}`,
  ),
  examples: ['what went GA in 1.31 / beta features in 1.30 / new alpha in 1.31'],
  vocabulary: words(`ga stable alpha beta graduate graduated graduates graduating graduation promote promoted promotion
    promotions stage stages milestone milestones generally available availability general`),
};
