import MiniSearch, { type Query } from 'minisearch';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/load.ts';
import { Bm25Or, type TermGroup } from '../../src/engine/bm25-or.ts';

// The lean OR scorer must give exactly what minisearch's own search gives for the same query:
// the same KEPs in the same order, the same scores to the last bit, the same matched terms.
const dataset = loadDataset();
const boost = { title: 3, gates: 2.5, summary: 1, sig: 0.5 };
const index = new MiniSearch<{ id: number; title: string; gates: string; summary: string; sig: string }>({
  fields: ['title', 'gates', 'summary', 'sig'],
  storeFields: [],
});
index.addAll(
  dataset.keps.map((kep) => ({
    id: kep.number,
    title: kep.title,
    gates: kep.featureGates.map((gate) => gate.name).join(' '),
    summary: kep.summary,
    sig: kep.owningSig,
  })),
);
const scorer = new Bm25Or(index as MiniSearch<unknown>, boost);

function viaMiniSearch(groups: TermGroup[]) {
  const queries: Query[] = groups.map((group) =>
    group.weight === 1 && group.terms.length === 1
      ? group.terms[0]!
      : { combineWith: 'OR', queries: [...group.terms], boostTerm: () => group.weight },
  );
  return index
    .search(
      { combineWith: 'OR', queries },
      { boost, tokenize: (term) => [term], processTerm: (term) => term, prefix: false, fuzzy: false },
    )
    .map(({ id, score, terms, queryTerms }) => ({ id, score, terms, queryTerms }));
}

describe('Bm25Or', () => {
  const words = [...new Set(dataset.keps.flatMap((kep) => kep.title.toLowerCase().split(/[^a-z0-9]+/)))].filter(
    (word) => word.length > 1,
  );
  const cases: TermGroup[][] = [
    [{ terms: ['kube', 'proxy'].slice(0, 1), weight: 1 }],
    [
      { terms: ['kube'], weight: 1 },
      { terms: ['proxy'], weight: 1 },
      { terms: ['terminating'], weight: 1 },
      { terms: ['endpoints', 'endpoint'], weight: 0.8 },
      { terms: ['topology'], weight: 1 },
      { terms: ['aware', 'awareness'], weight: 0.6 },
    ],
    [
      { terms: ['2', 'sidecar', '1'], weight: 0.8 },
      { terms: ['containers'], weight: 1 },
    ],
    [{ terms: ['nosuchword'], weight: 1 }],
    [],
  ];
  // Every title word, alone and in overlapping groups, so shared documents merge in every order.
  for (let at = 0; at + 3 < words.length; at += 7)
    cases.push([
      { terms: [words[at]!], weight: 1 },
      { terms: [words[at + 1]!, words[at + 2]!], weight: 0.8 },
      { terms: [words[at + 3]!, words[at]!], weight: 0.6 },
    ]);

  it('ranks, scores and lists matched terms exactly as MiniSearch.search does', () => {
    expect(cases.length).toBeGreaterThan(50);
    let matched = 0;
    for (const groups of cases) {
      const expected = viaMiniSearch(groups);
      matched += expected.length;
      expect(scorer.search(groups)).toEqual(expected);
    }
    expect(matched).toBeGreaterThan(1000);
  });
});
