import type { Answer, AnswerItem } from '../../domain/answer.ts';
import type { EngineIndex } from '../engine-index.ts';
import { kepItem, kepLabel, sigName, stageHistory } from '../format.ts';
import { listSection, makeAnswer, section } from '../../domain/answer-builders.ts';
import type { FeatureResolution } from '../kep-search.ts';
import { helpExamples } from '../kinds/registry.ts';
import { quote } from '../sanitize.ts';

/** The full-text search answer: ranked KEPs, "did you mean", never empty. */
const didYouMean = (suggestion: string | null) => (suggestion ? ` Did you mean “${suggestion}”?` : '');
const correctionNote = (asked: string, correctedTo: string | null) =>
  correctedTo ? `Read as “${correctedTo}” (you wrote “${asked}”). ` : '';

/** "One KEP matches", "3 KEPs match", "Many KEPs match" (ten or more). */
function matchCount(count: number): string {
  if (count === 1) return 'One KEP matches';
  return `${count >= 10 ? 'Many' : count} KEPs match`;
}

/** No match; `loose`: some KEP shares a word of the question, but none enough of them to be about it. */
export type NoMatch = { kind: 'none'; suggestion: string | null; loose?: boolean };

export function searchAnswer(
  index: EngineIndex,
  text: string,
  resolution: Exclude<FeatureResolution, { kind: 'found' | 'none' }> | NoMatch,
): Answer {
  const asked = quote(text);
  if (resolution.kind === 'none') {
    const suggestion = resolution.suggestion;
    const matches = resolution.loose ? 'holds enough of the words of' : 'matches';
    return makeAnswer(index.footer, {
      intent: 'search',
      title: `No match for “${asked}”`,
      summary:
        `No KEP title, summary or feature gate ${matches} “${asked}”.${didYouMean(suggestion)} ` +
        'Try a feature name (“sidecar containers”), a feature gate (“NFTablesProxyMode”), ' +
        'a KEP number (“KEP-3836”) or a release (“1.31”).',
      sections: [section('You can ask', { lines: helpExamples().slice(0, 6) })],
      suggestions: [...(suggestion ? [suggestion] : []), 'help', "what's in the latest release"],
    });
  }
  const { hits, correctedTo } = resolution;
  const top = hits[0]!.kep;
  const items: AnswerItem[] = hits.map((hit) => kepItem(hit.kep, stageHistory(hit.kep)));
  return makeAnswer(index.footer, {
    intent: 'search',
    title: `KEPs matching “${correctedTo ?? asked}”`,
    summary:
      `${correctionNote(asked, correctedTo)}${matchCount(hits.length)} “${correctedTo ?? asked}”; ` +
      `the best match is ${kepLabel(top.number)} “${top.title}” ` +
      `(${top.stage ?? 'no stage'}, ${sigName(top.owningSig)}).`,
    sections: [listSection('Best matches', items, 10)],
    suggestions: hits.slice(0, 3).map((hit) => kepLabel(hit.kep.number)),
  });
}
