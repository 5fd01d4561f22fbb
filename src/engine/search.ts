import MiniSearch, { type SearchResult } from 'minisearch';
import type { Kep } from '../domain/kep.ts';
import { editDistance } from './lexicon.ts';

/**
 * Full-text search over KEP titles, summaries and feature gates (fuzzy and prefix, ranked),
 * and the resolution of "apparmor" / "NFTablesProxyMode" / "sidecar containers" to one KEP.
 */

interface KepDocument {
  id: number;
  title: string;
  gates: string;
  summary: string;
  sig: string;
}

export interface SearchHit {
  kep: Kep;
  score: number;
  /** Document terms that matched (what the query terms were read as). */
  terms: string[];
  queryTerms: string[];
}

export type FeatureResolution =
  | { kind: 'found'; kep: Kep; via: 'number' | 'gate' | 'search'; correctedTo: string | null; others: SearchHit[] }
  | { kind: 'ambiguous'; hits: SearchHit[]; correctedTo: string | null }
  | { kind: 'none'; suggestion: string | null };

const SEARCH_STOPWORDS = new Set(
  'a an and are as at be by can do does for from has have how i in into is it its kep keps me my of on or the their there this to was what when where which who why will with you your feature features enhancement enhancements kubernetes k8s gate gates flag flags'.split(
    ' ',
  ),
);

/** A question's first words carry its subject; more only cost time. */
const MAX_QUERY_WORDS = 8;
const MAX_FUZZY_LENGTH = 24;

/** Nicknames people use that appear in no title or summary. */
const EXPANSIONS: Record<string, string> = {
  psp: 'pod security policy',
  psa: 'pod security admission',
  dra: 'dynamic resource allocation',
  hpa: 'horizontal pod autoscaler',
  vpa: 'vertical pod autoscaler',
  vap: 'validating admission policy',
  map: 'mutating admission policy',
  sidecars: 'sidecar containers',
  sidecar: 'sidecar containers',
  ipv6: 'ipv6 dual stack',
  'dual-stack': 'dual stack',
  'in-place': 'in-place update',
  resize: 'resources',
  resizing: 'resources',
};

/** "NFTablesProxyMode" → "nf tables proxy mode nftablesproxymode" so gates match by parts and whole. */
function gateTerms(name: string): string {
  const parts = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
  return `${name} ${parts}`;
}

/** Lower-cases, drops stopwords and folds plurals ("cgroups" → "cgroup", "nftables" → "nftable"). */
function processTerm(term: string): string | null {
  const lower = term.toLowerCase();
  if (lower.length < 2 || SEARCH_STOPWORDS.has(lower)) return null;
  return lower.length > 4 && lower.endsWith('s') && !/(ss|us|is)$/.test(lower) ? lower.slice(0, -1) : lower;
}

export class FeatureSearch {
  private readonly index: MiniSearch<KepDocument>;
  private readonly byNumber: Map<number, Kep>;
  private readonly byGate = new Map<string, Kep>();
  /** Every term in the index, so only unknown query words pay for fuzzy matching. */
  private readonly vocabulary = new Set<string>();
  /** Indexed terms by first letter, for "did you mean". */
  private readonly byInitial = new Map<string, string[]>();
  /** How a stemmed index term was written ("nftable" → "nftables"), for "did you mean". */
  private readonly surfaceForms = new Map<string, string>();

  constructor(keps: readonly Kep[]) {
    this.byNumber = new Map(keps.map((kep) => [kep.number, kep]));
    for (const kep of keps) for (const gate of kep.featureGates) if (!this.byGate.has(gate.name.toLowerCase())) this.byGate.set(gate.name.toLowerCase(), kep);
    this.index = new MiniSearch<KepDocument>({
      fields: ['title', 'gates', 'summary', 'sig'],
      storeFields: [],
      processTerm,
      searchOptions: { processTerm },
    });
    const documents = keps.map((kep) => ({
      id: kep.number,
      title: kep.title,
      gates: kep.featureGates.map((gate) => gateTerms(gate.name)).join(' '),
      summary: kep.summary,
      sig: kep.owningSig.replace(/^sig-/, ''),
    }));
    this.index.addAll(documents);
    const tokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[];
    for (const document of documents) {
      for (const text of [document.title, document.gates, document.summary, document.sig]) {
        for (const token of tokenize(text)) {
          const term = processTerm(token);
          if (term && !this.vocabulary.has(term)) {
            this.vocabulary.add(term);
            this.surfaceForms.set(term, token.toLowerCase());
            const initial = this.byInitial.get(term[0]!);
            if (initial) initial.push(term);
            else this.byInitial.set(term[0]!, [term]);
          }
        }
      }
    }
  }

  /** The KEP owning a feature gate, by exact (case-insensitive, space-insensitive) name. */
  gate(name: string): Kep | null {
    return this.byGate.get(name.toLowerCase().replace(/[\s_-]+/g, '')) ?? null;
  }

  /**
   * Ranked matches: all words first (AND), then any word (OR) if nothing matches them all. Words the
   * index knows match exactly; only unknown words (typos, partial words) pay for prefix and fuzzy matching.
   */
  search(text: string, limit = 10): SearchHit[] {
    const query = expand(text).split(' ').slice(0, MAX_QUERY_WORDS).join(' ');
    if (!query) return [];
    const unknown = (term: string) => !this.vocabulary.has(term);
    const options = {
      boost: { title: 3, gates: 2.5, summary: 1, sig: 0.5 },
      // No indexed word is longer than a feature gate; fuzzy matching a 300-letter "word" is all cost.
      prefix: (term: string) => term.length >= 3 && term.length <= MAX_FUZZY_LENGTH && unknown(term),
      fuzzy: (term: string) => (term.length >= 4 && term.length <= MAX_FUZZY_LENGTH && unknown(term) ? 0.25 : false),
      maxFuzzy: 2,
      weights: { fuzzy: 0.35, prefix: 0.6 },
    };
    let results: SearchResult[] = this.index.search(query, { ...options, combineWith: 'AND' });
    if (results.length === 0 && query.includes(' ')) results = this.index.search(query, { ...options, combineWith: 'OR' });
    const hits: SearchHit[] = [];
    for (const result of results) {
      const kep = this.byNumber.get(result.id as number);
      if (kep) hits.push({ kep, score: result.score, terms: result.terms, queryTerms: result.queryTerms });
      if (hits.length >= limit) break;
    }
    return hits;
  }

  /**
   * One KEP when the text clearly names it, else the ranked candidates. Among strong matches whose
   * titles contain every word asked for, the oldest KEP wins: "nftables" is the nftables backend
   * (KEP-3866), not a later KEP that tunes it.
   */
  resolve(text: string): FeatureResolution {
    const compact = text.trim();
    const gate = this.gate(compact);
    if (gate) return { kind: 'found', kep: gate, via: 'gate', correctedTo: null, others: [] };
    const hits = this.search(compact, 10);
    if (hits.length === 0) return { kind: 'none', suggestion: this.didYouMean(compact) };
    const correctedTo = correctionOf(compact, hits[0]!, this.surfaceForms);
    const [top, second] = hits;
    const words = normalize(correctedTo ?? expand(compact)).split(' ').filter((word) => processTerm(word) !== null);
    const primary = hits
      .filter((hit) => hit.score >= top!.score / 2.5 && titleCovers(hit.kep, words))
      .sort((a, b) => a.kep.number - b.kep.number)[0];
    const chosen = primary ?? (!second || top!.score >= 1.6 * second.score ? top : undefined);
    // A word completed into a much longer one ("kubecon" → "kubeconfig") is a guess, not a match.
    if (chosen && !this.namesSomething(compact, chosen)) return { kind: 'ambiguous', hits, correctedTo };
    if (chosen) return { kind: 'found', kep: chosen.kep, via: 'search', correctedTo, others: hits.filter((hit) => hit !== chosen).slice(0, 3) };
    return { kind: 'ambiguous', hits, correctedTo };
  }

  /** Some query word matched the hit as written, as a near-complete prefix, or as a close misspelling. */
  private namesSomething(text: string, hit: SearchHit): boolean {
    const terms = expand(text).split(' ').map(processTerm).filter((term): term is string => term !== null);
    return terms.some((term) =>
      hit.terms.some((matched) => matched === term || (matched.startsWith(term) ? term.length >= 0.75 * matched.length : Math.abs(matched.length - term.length) <= 2 && matched[0] === term[0])),
    );
  }

  /**
   * A spelling the index knows for a query that matched nothing: each unknown word replaced by the
   * closest indexed word (same first letter, at most two edits), or null when none is close.
   */
  didYouMean(text: string): string | null {
    let changed = false;
    const words = normalize(expand(text))
      .split(' ')
      .slice(0, MAX_QUERY_WORDS)
      .map((word) => {
        const term = processTerm(word);
        if (term === null || this.vocabulary.has(term) || term.length < 4 || term.length > MAX_FUZZY_LENGTH) return word;
        const limit = term.length >= 7 ? 2 : 1;
        let best: string | null = null;
        let bestDistance = limit + 1;
        for (const candidate of this.byInitial.get(term[0]!) ?? []) {
          if (Math.abs(candidate.length - term.length) > limit) continue;
          const distance = editDistance(term, candidate, limit);
          if (distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
          }
        }
        if (!best) return word;
        changed = true;
        return this.surfaceForms.get(best) ?? best;
      });
    return changed ? words.join(' ') : null;
  }
}

function expand(text: string): string {
  return text
    .toLowerCase()
    .split(/\s+/)
    .map((word) => EXPANSIONS[word] ?? word)
    .join(' ')
    .trim();
}

const normalize = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/** Every word is (the start of) a word of the KEP's title, or a title word starts it ("cgroups" / "cgroup"). */
function titleCovers(kep: Kep, words: string[]): boolean {
  if (words.length === 0) return false;
  const titleWords = normalize(kep.title).split(' ');
  return words.every((word) => titleWords.some((title) => title.startsWith(word) || (title.length >= 4 && word.startsWith(title))));
}

/** When fuzzy matching read the query as other words ("apparmour" → "apparmor"), the query with those words. */
function correctionOf(text: string, hit: SearchHit, surfaceForms: ReadonlyMap<string, string>): string | null {
  const surface = (term: string) => surfaceForms.get(term) ?? term;
  const matched = hit.terms;
  let changed = false;
  const words = normalize(text)
    .split(' ')
    .map((word) => {
      const term = processTerm(word);
      // Nicknames ("sidecar", "dra") are expansions, not misspellings.
      if (term === null || EXPANSIONS[word] !== undefined || matched.some((candidate) => candidate.startsWith(term))) return word;
      const fuzzy = matched.find((candidate) => Math.abs(candidate.length - term.length) <= 2 && candidate[0] === term[0]);
      if (!fuzzy) return word;
      changed = true;
      return surface(fuzzy);
    });
  return changed ? words.join(' ') : null;
}
