import type MiniSearch from 'minisearch';

/**
 * One OR query over exact terms, scored as minisearch 7's own `search` scores it (the same BM25
 * arithmetic in the same order, so the same floating-point scores, terms and ranking), without its
 * per-term option merging, tokenizing and per-document `match` objects: KEP search asks only this
 * shape of query (exact terms, no prefix or fuzzy expansion, one weight per group of terms), and
 * it was the most expensive step of a full-text answer. It reads the index minisearch built; a test
 * compares it with `MiniSearch.search` so a minisearch upgrade that changes either side is caught.
 */

/** The terms of one query word: one as written (weight 1) or the indexed words it was read as (weight below 1). */
export interface TermGroup {
  terms: readonly string[];
  weight: number;
}

export interface OrResult {
  id: number;
  score: number;
  /** Indexed terms matched, in the order minisearch lists them. */
  terms: string[];
  /** Query terms matched. */
  queryTerms: string[];
}

/** The parts of a built minisearch index that scoring reads (private in its typings). */
interface Internals {
  _index: { get(term: string): Map<number, Map<number, number>> | undefined };
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _documentCount: number;
  _documentIds: Map<number, unknown>;
  _options: { fields: string[]; searchOptions?: { bm25?: Bm25 } };
}

interface Bm25 {
  k: number;
  b: number;
  d: number;
}

/** minisearch's defaults (`defaultBM25params`). */
const DEFAULT_BM25: Bm25 = { k: 1.2, b: 0.7, d: 0.5 };

interface Scored {
  shortId: number;
  score: number;
  queryTerms: string[];
  terms: string[];
}

/** A term minisearch's `match` object would list first (an array index key), so ordering stays exact. */
const INDEX_KEY = /^(?:0|[1-9]\d{0,8})$/;

export class Bm25Or {
  private readonly internals: Internals;
  private readonly fields: ReadonlyArray<{ id: number; boost: number }>;
  private readonly bm25: Bm25;

  constructor(index: MiniSearch<unknown>, boost: Readonly<Record<string, number>>) {
    this.internals = index as unknown as Internals;
    const { _options: options, _fieldIds: fieldIds } = this.internals;
    this.fields = options.fields.map((field) => ({ id: fieldIds[field]!, boost: boost[field] || 1 }));
    this.bm25 = options.searchOptions?.bm25 ?? DEFAULT_BM25;
  }

  /** Every document matching any term, best first (ties in minisearch's order). */
  search(groups: readonly TermGroup[]): OrResult[] {
    let combined: Map<number, Scored> | null = null;
    for (const group of groups) {
      let groupResults: Map<number, Scored> | null = null;
      for (const term of group.terms) {
        const termResults = this.termResults(term, group.weight);
        groupResults = groupResults ? merge(groupResults, termResults) : termResults;
      }
      if (groupResults) combined = combined ? merge(combined, groupResults) : groupResults;
    }
    if (!combined) return [];
    const results: OrResult[] = [];
    for (const scored of combined.values())
      results.push({
        id: this.internals._documentIds.get(scored.shortId) as number,
        score: scored.score * (scored.queryTerms.length || 1),
        terms: scored.terms.some((term) => INDEX_KEY.test(term)) ? indexKeysFirst(scored.terms) : scored.terms,
        queryTerms: scored.queryTerms,
      });
    return results.sort((a, b) => b.score - a.score);
  }

  /** minisearch's termResults for one exact term (no document boost, no removed documents). */
  private termResults(term: string, termBoost: number): Map<number, Scored> {
    const results = new Map<number, Scored>();
    const data = this.internals._index.get(term);
    if (!data) return results;
    const { _fieldLength: fieldLength, _avgFieldLength: avgFieldLength, _documentCount: count } = this.internals;
    const { k, b, d } = this.bm25;
    for (const field of this.fields) {
      const frequencies = data.get(field.id);
      if (!frequencies) continue;
      const matching = frequencies.size;
      const average = avgFieldLength[field.id]!;
      const invDocFreq = Math.log(1 + (count - matching + 0.5) / (matching + 0.5));
      for (const [shortId, termFreq] of frequencies) {
        const length = fieldLength.get(shortId)![field.id]!;
        const rawScore = invDocFreq * (d + (termFreq * (k + 1)) / (termFreq + k * (1 - b + (b * length) / average)));
        const weighted = termBoost * field.boost * rawScore;
        const result = results.get(shortId);
        if (result) result.score += weighted;
        else results.set(shortId, { shortId, score: weighted, queryTerms: [term], terms: [term] });
      }
    }
    return results;
  }
}

/** minisearch's OR combinator: `b` folded into `a`. */
function merge(a: Map<number, Scored>, b: Map<number, Scored>): Map<number, Scored> {
  for (const [shortId, next] of b) {
    const existing = a.get(shortId);
    if (!existing) {
      a.set(shortId, next);
      continue;
    }
    existing.score = existing.score + next.score;
    for (const term of next.terms) if (!existing.terms.includes(term)) existing.terms.push(term);
    for (const term of next.queryTerms) if (!existing.queryTerms.includes(term)) existing.queryTerms.push(term);
  }
  return a;
}

/** Object.keys order of a `match` object: array-index keys ascending, then the others as inserted. */
function indexKeysFirst(terms: readonly string[]): string[] {
  const indexKeys = terms.filter((term) => INDEX_KEY.test(term)).sort((x, y) => Number(x) - Number(y));
  return [...indexKeys, ...terms.filter((term) => !INDEX_KEY.test(term))];
}
