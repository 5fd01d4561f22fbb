import type { KepStage } from '../../domain/kep.ts';
import { memoOnObject } from '../../domain/memo.ts';
import type { FeatureRef } from '../refs.ts';
import type { Question } from '../understand/question.ts';

/**
 * Cue readings more than one kind uses. A kind's own cue words live in its module; these are the
 * ones shared (a stage word matters to stage lists, KEP questions and histories alike).
 */

/** Every stage word below holds one of these: most questions hold none. */
const MIGHT_NAME_STAGE = /ga|stable|beta|alpha|graduat|promot/;

/** The stage a question names: "GA"/"stable", "beta", "alpha", or graduation words (stable). Read once per question. */
export const stageOf = memoOnObject((question: Question): KepStage | null => {
  const s = question.text;
  if (!MIGHT_NAME_STAGE.test(s)) return null;
  if (/\b(ga|stable)\b/.test(s)) return 'stable';
  if (/\bbeta\b/.test(s)) return 'beta';
  if (/\balpha\b/.test(s)) return 'alpha';
  if (/\b(graduat\w*|promot\w*)\b/.test(s)) return 'stable';
  return null;
});

/** "When", "since when", "which release": the question asks for a moment or a release. */
export const asksWhen = (question: Question): boolean =>
  question.has(/\b(when|since when|which (release|version|milestone)|what (release|version|milestone))\b/);

/** Words that ask when a feature started. */
export const INTRODUCED = /\b(introduced|added|created|proposed|start(ed)?|begin|began)\b/;

/** "History of X", or "when was X introduced / released / added". */
export function asksHistory(question: Question): boolean {
  return (
    question.has(/\bhistory\b/) ||
    (asksWhen(question) &&
      question.has(/\b(introduced|added|created|proposed|start(ed)?|begin|began|released?|arrive[ds]?|land(ed)?)\b/))
  );
}

/** The feature the question names: a KEP number first, else a gate, well-known name or title; else its own words. */
export function featureRef(question: Question): FeatureRef | null {
  if (question.feature !== null) {
    const gate = question.entities.features.find(
      (feature) => feature.kep === question.feature && feature.via === 'gate',
    )?.text;
    return gate && question.entities.keps.length === 0
      ? { kind: 'number', number: question.feature, gate }
      : { kind: 'number', number: question.feature };
  }
  return question.topic.length > 0 ? { kind: 'text', text: question.subjectText() } : null;
}

const ASKS_WHAT_MOVED = new RegExp(
  String.raw`\b(what|which|anything|everything)\b.*\b(went|go|goes|going|graduat\w*|promot\w*` +
    '|reached|hit|hits|became|become|made|make|got|get|moved?|took|take|landed|shipped' +
    String.raw`|are|were|will)\b`,
);

/** "What went GA", "which features", "list everything", "GA features in 1.31": a list, not one feature. */
export function asksList(question: Question): boolean {
  return (
    question.has(/\b(features|enhancements|keps|graduations|everything|all|list|breakdown)\b/) ||
    question.has(/^(so |ok |and |hey |quick one |yo )*(what|which)\b(?! (is|was) (the )?(status|stage|state))/) ||
    question.has(ASKS_WHAT_MOVED)
  );
}
