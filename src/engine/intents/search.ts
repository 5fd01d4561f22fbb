import type { Answer } from '../../domain/answer.ts';
import type { EngineIndex } from '../engine-index.ts';
import { kepLabel } from '../format.ts';
import { phrase } from '../understand/vocabulary.ts';
import type { SearchQuery } from '../kinds/search.ts';
import { searchAnswer } from './search-results.ts';
import { help } from './help.ts';
import { describe, kepAnswer } from './kep.ts';

/**
 * Of a question in ordinary words, the best match must hold at least two of its words and two in five, the words
 * as the search itself reads them (stopwords dropped, plurals folded).
 */
function holdsSeveralWords(best: { queryTerms: readonly string[] }, text: string, index: EngineIndex): boolean {
  const matched = new Set(best.queryTerms).size;
  return matched >= 2 && matched * 5 >= index.kepSearch.read(text).length * 2;
}

/** Anything else: when the words clearly name one KEP, that KEP; otherwise the ranked matches. */
export function search(query: SearchQuery, index: EngineIndex, now: Date): Answer {
  if (!query.text.trim()) return help({ kind: 'help', reason: 'empty', notes: query.notes }, index);
  const resolution = index.kepSearch.resolve(query.text);
  if (query.list && resolution.kind === 'found') {
    const hits = index.kepSearch.search(query.text);
    return searchAnswer(index, query.text, {
      kind: 'ambiguous',
      hits: hits.length ? hits : [{ kep: resolution.kep, score: 1, terms: [], queryTerms: [] }],
      correctedTo: resolution.correctedTo,
    });
  }
  if (resolution.kind === 'ambiguous' && query.plain && !holdsSeveralWords(resolution.hits[0]!, query.text, index))
    return searchAnswer(index, query.text, { kind: 'none', suggestion: null, loose: true });
  if (resolution.kind !== 'found') return searchAnswer(index, query.text, resolution);
  // A corrected name may be a well-known one: "dynamic resource alocation" is DRA (KEP-4381), not the withdrawn KEP-3063.
  const alias = resolution.correctedTo ? index.vocabulary.aliases.get(phrase(resolution.correctedTo)) : undefined;
  const kep = (alias !== undefined ? index.kepByNumber.get(alias) : undefined) ?? resolution.kep;
  const lead = resolution.correctedTo ? `Did you mean “${resolution.correctedTo}”? ` : '';
  const gate =
    resolution.via === 'gate'
      ? kep.featureGates.find((entry) => entry.name.toLowerCase() === query.text.toLowerCase().replace(/[\s_-]+/g, ''))
      : undefined;
  const summary = `${lead}${gate ? `The feature gate ${gate.name} belongs to ${kepLabel(kep.number)}. ` : ''}${describe(index, kep, now)}`;
  return kepAnswer(
    index,
    { ok: true, kep, correctedTo: resolution.correctedTo, asked: query.text, others: resolution.others },
    summary,
  );
}
