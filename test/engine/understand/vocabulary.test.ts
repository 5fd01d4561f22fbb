import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../../src/data/load.ts';
import { buildIndex } from '../../../src/engine/engine-index.ts';
import { STOPWORDS } from '../../../src/engine/lexicon.ts';
import { phrase, termsOf, titleTerm, titleTermsIn } from '../../../src/engine/understand/vocabulary.ts';

const index = buildIndex(loadDataset());
const { titles } = index.vocabulary;
const skip = (word: string) => STOPWORDS.has(word) || word === 'ver';

/** The title terms of a text as the entity pass read them before byWord: every word's terms, known ones, once each. */
function plainTermsIn(text: string): string[] {
  const found: string[] = [];
  for (const word of text.split(' ')) {
    if (skip(word)) continue;
    for (const term of termsOf(word)) if (titles.terms.has(term) && !found.includes(term)) found.push(term);
  }
  return found;
}

describe('titleTermsIn', () => {
  const keps = index.dataset.keps;
  // Every title as people type it, in the plural where titleTerm drops one, and with words joined by a hyphen.
  const texts = [
    ...keps.map((kep) => phrase(kep.title)),
    ...keps.map((kep) => phrase(kep.title).replace(/\b([a-z]{4,}[^s\s])\b/g, '$1s')),
    ...keps.map((kep) => phrase(kep.title).replace(/ /g, '-')),
    'is ver the kube-proxy nftables mode ga in ver',
    'what about pod-level resources and sidecars, or crds',
    'zürich café übergang pods',
    '',
  ];

  it('reads every text to the terms, in the order written, that the plain reading of its words gives', () => {
    for (const text of texts)
      expect(
        titleTermsIn(text, titles, skip).map((entry) => entry.term),
        text,
      ).toEqual(plainTermsIn(text));
  });

  it('holds, for each term, its own weight and postings, and maps only words that read as that term', () => {
    expect(titles.byWord.size).toBeGreaterThan(titles.terms.size);
    for (const [word, entry] of titles.byWord) {
      expect(titleTerm(word)).toBe(entry.term);
      expect(titles.terms.get(entry.term)).toBe(entry);
    }
    for (const entry of titles.terms.values()) {
      expect(entry.weight).toBeGreaterThan(0);
      expect(entry.postings.length).toBeGreaterThan(0);
    }
  });
});
