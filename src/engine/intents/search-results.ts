import type { Answer, AnswerItem } from '../../domain/answer.ts';
import type { EngineIndex } from '../engine-index.ts';
import { kepItem, kepLabel, listSection, makeAnswer, section, sigName, stageHistory } from '../format.ts';
import type { FeatureResolution } from '../kep-search.ts';
import { helpExamples } from '../kinds/registry.ts';
import { quote } from '../sanitize.ts';

/** The full-text search answer: ranked KEPs, "did you mean", never empty. */
export function searchAnswer(
  index: EngineIndex,
  text: string,
  resolution: Exclude<FeatureResolution, { kind: 'found' }>,
): Answer {
  const asked = quote(text);
  if (resolution.kind === 'none') {
    const suggestion = resolution.suggestion;
    return makeAnswer(index.footer, {
      intent: 'search',
      title: `No match for “${asked}”`,
      summary: `No KEP title, summary or feature gate matches “${asked}”.${suggestion ? ` Did you mean “${suggestion}”?` : ''} Try a feature name (“sidecar containers”), a feature gate (“NFTablesProxyMode”), a KEP number (“KEP-3836”) or a release (“1.31”).`,
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
    summary: `${correctedTo ? `Read as “${correctedTo}” (you wrote “${asked}”). ` : ''}${hits.length === 1 ? 'One KEP matches' : `${hits.length >= 10 ? 'Many' : hits.length} KEPs match`} “${correctedTo ?? asked}”; the best match is ${kepLabel(top.number)} “${top.title}” (${top.stage ?? 'no stage'}, ${sigName(top.owningSig)}).`,
    sections: [listSection('Best matches', items, 10)],
    suggestions: hits.slice(0, 3).map((hit) => kepLabel(hit.kep.number)),
  });
}
