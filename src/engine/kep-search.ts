import MiniSearch from 'minisearch';
import type { Kep } from '../domain/kep.ts';
import { Bm25Or, type OrResult, type TermGroup } from './bm25-or.ts';
import { editDistance } from './lexicon.ts';
import { entryOf } from '../domain/lookup.ts';

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

/**
 * How one query word was read against the words the index holds:
 * - exact: the index has the word;
 * - completion: the start of a longer indexed word, most of it typed ("contain" → "container");
 * - correction: a close misspelling of an indexed word ("apparmour" → "apparmor");
 * - unread: none of these. The word cannot be about anything in the data.
 */
export type Reading =
  | { kind: 'exact'; word: string; term: string }
  | { kind: 'completion' | 'correction'; word: string; term: string; as: string[] }
  | { kind: 'unread'; word: string; term: string };

const SEARCH_STOPWORDS = new Set(
  [
    'a an and are as at be by can do does for from has have how i in into is it its kep keps me my of on or the',
    'their there this to was what when where which who why will with you your',
    'feature features enhancement enhancements kubernetes k8s gate gates flag flags',
  ]
    .join(' ')
    .split(' '),
);

/** A question's first words carry its subject; more only cost time. */
const MAX_QUERY_WORDS = 8;
const MAX_FUZZY_LENGTH = 24;

/*
 * The relevance rule. A match must rest on words the user meant, never on what an unknown word
 * happens to resemble ("bar" → "barrier", "baz" → "bazel", "kubecon" → "kubectl"):
 * - short words (SHORT_WORD letters or fewer) match exactly or not at all: too many real words
 *   sit one letter away from any three-letter string;
 * - a completion must cover most of the word it completes (COMPLETION_SHARE);
 * - a correction needs five letters or more, keeps the first letter and is one edit away, two
 *   from LONG_WORD letters;
 * - a query is about the data only when at least half its words are read one of those ways;
 * - when no KEP matches every read word, a KEP must match at least half of them, and the matches
 *   stay a list: only a KEP matching every read word is named with confidence;
 * - "did you mean" is offered only for a correction that names one KEP with confidence.
 * Corrected and completed words then match as the indexed words they were read as, scored a little
 * below a word the user typed (READ_WEIGHT), so every score is one a real term match gives.
 */
const SHORT_WORD = 3;
const COMPLETION_SHARE = 0.75;
const LONG_WORD = 9;
const READ_WEIGHT = { completion: 0.8, correction: 0.6 } as const;
/** How much a match in each field counts. */
const FIELD_BOOST = { title: 3, gates: 2.5, summary: 1, sig: 0.5 };
/** Alternatives kept for one word; more would be a guess, not a reading. */
const MAX_READINGS = 3;

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

export class KepSearch {
  private readonly index: MiniSearch<KepDocument>;
  private readonly scorer: Bm25Or;
  private readonly byNumber: Map<number, Kep>;
  private readonly byGate = new Map<string, Kep>();
  /** Every term in the index: a query word found here is read as written. */
  private readonly vocabulary = new Set<string>();
  /** Indexed terms by first letter, for completions and corrections. */
  private readonly byInitial = new Map<string, string[]>();
  /** How a stemmed index term was written ("nftable" → "nftables"), for "did you mean". */
  private readonly surfaceForms = new Map<string, string>();
  /** Words already read; the same words come back in chat all day. */
  private readonly readings = new Map<string, Reading>();

  constructor(keps: readonly Kep[]) {
    this.byNumber = new Map(keps.map((kep) => [kep.number, kep]));
    for (const kep of keps)
      for (const gate of kep.featureGates)
        if (!this.byGate.has(gate.name.toLowerCase())) this.byGate.set(gate.name.toLowerCase(), kep);
    // The index's own pass over the documents also records their words, so they are read once.
    let indexing = true;
    const recordingTerm = (token: string): string | null => {
      const term = processTerm(token);
      if (indexing && term) this.remember(term, token);
      return term;
    };
    this.index = new MiniSearch<KepDocument>({
      fields: ['title', 'gates', 'summary', 'sig'],
      storeFields: [],
      processTerm: recordingTerm,
    });
    const documents = keps.map((kep) => ({
      id: kep.number,
      title: kep.title,
      gates: kep.featureGates.map((gate) => gateTerms(gate.name)).join(' '),
      summary: kep.summary,
      sig: kep.owningSig.replace(/^sig-/, ''),
    }));
    this.index.addAll(documents);
    indexing = false;
    this.scorer = new Bm25Or(this.index as MiniSearch<unknown>, FIELD_BOOST);
  }

  /** An indexed term, with the way it was first written. */
  private remember(term: string, token: string): void {
    if (this.vocabulary.has(term)) return;
    this.vocabulary.add(term);
    this.surfaceForms.set(term, token.toLowerCase());
    const initial = this.byInitial.get(term[0]!);
    if (initial) initial.push(term);
    else this.byInitial.set(term[0]!, [term]);
  }

  /** The KEP owning a feature gate, by exact (case-insensitive, space-insensitive) name. */
  gate(name: string): Kep | null {
    return this.byGate.get(name.toLowerCase().replace(/[\s_-]+/g, '')) ?? null;
  }

  /** Each content word of the text (stopwords dropped, nicknames expanded), read against the index. */
  read(text: string): Reading[] {
    const seen = new Set<string>();
    const readings: Reading[] = [];
    for (const word of tokenize(expand(text)).slice(0, MAX_QUERY_WORDS * 2)) {
      const term = processTerm(word);
      if (term === null || seen.has(term)) continue;
      seen.add(term);
      readings.push(this.readTerm(word.toLowerCase(), term));
      if (readings.length >= MAX_QUERY_WORDS) break;
    }
    return readings;
  }

  private readTerm(word: string, term: string): Reading {
    const cached = this.readings.get(term);
    if (cached) return cached.word === word ? cached : { ...cached, word };
    const reading = this.readUncached(word, term);
    if (this.readings.size < 10_000) this.readings.set(term, reading);
    return reading;
  }

  private readUncached(word: string, term: string): Reading {
    if (this.vocabulary.has(term)) return { kind: 'exact', word, term };
    if (term.length <= SHORT_WORD || term.length > MAX_FUZZY_LENGTH) return { kind: 'unread', word, term };
    const sameInitial = this.byInitial.get(term[0]!) ?? [];
    const completions = sameInitial.filter(
      (candidate) => candidate.startsWith(term) && term.length >= COMPLETION_SHARE * candidate.length,
    );
    if (completions.length > 0)
      return {
        kind: 'completion',
        word,
        term,
        as: completions.sort((a, b) => a.length - b.length).slice(0, MAX_READINGS),
      };
    if (term.length > SHORT_WORD + 1) {
      const limit = term.length >= LONG_WORD ? 2 : 1;
      let best: string[] = [];
      let bestDistance = limit + 1;
      for (const candidate of sameInitial) {
        if (Math.abs(candidate.length - term.length) > limit) continue;
        const distance = editDistance(term, candidate, limit);
        if (distance < bestDistance) {
          best = [candidate];
          bestDistance = distance;
        } else if (distance === bestDistance && distance <= limit) {
          best.push(candidate);
        }
      }
      if (best.length > 0 && best.length <= MAX_READINGS) return { kind: 'correction', word, term, as: best };
    }
    return { kind: 'unread', word, term };
  }

  /**
   * Ranked matches for the words read from the text: all of them first (AND), then, when no KEP has
   * them all, KEPs with at least half of them. Nothing when fewer than half the words are read.
   */
  search(text: string, limit = 10): SearchHit[] {
    return this.searchReadings(this.read(text), limit).hits;
  }

  /** `complete`: the hits match every read word (else each matches at least half of them). */
  private searchReadings(readings: Reading[], limit: number): { hits: SearchHit[]; complete: boolean } {
    const read = readings.filter((reading) => reading.kind !== 'unread');
    if (read.length === 0 || read.length * 2 < readings.length) return { hits: [], complete: false };
    const groups: TermGroup[] = read.map((reading) =>
      reading.kind === 'exact'
        ? { terms: [reading.term], weight: 1 }
        : { terms: reading.as, weight: READ_WEIGHT[reading.kind] },
    );
    // One OR pass scores every KEP matching any word; the AND answer is the KEPs among them matching
    // every word (the same scores: a KEP's per-word scores add up in the same order either way).
    const any = this.scorer.search(groups);
    let results: OrResult[] = any.filter((result) => read.every((reading) => matches(reading, result.terms)));
    const complete = results.length > 0;
    if (!complete && read.length > 1) {
      const needed = Math.ceil(read.length / 2);
      results = any.filter((result) => read.filter((reading) => matches(reading, result.terms)).length >= needed);
    }
    const hits: SearchHit[] = [];
    for (const result of results) {
      const kep = this.byNumber.get(result.id);
      if (kep) hits.push({ kep, score: result.score, terms: result.terms, queryTerms: result.queryTerms });
      if (hits.length >= limit) break;
    }
    return { hits, complete };
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
    const readings = this.read(compact);
    const resolution = this.resolveReadings(compact, readings);
    if (resolution.kind !== 'none') return resolution;
    return { kind: 'none', suggestion: this.suggestion(readings) };
  }

  /** Only a KEP matching every read word can be named with confidence; partial matches stay a list. */
  private resolveReadings(text: string, readings: Reading[]): FeatureResolution {
    const { hits, complete } = this.searchReadings(readings, 10);
    if (hits.length === 0) return { kind: 'none', suggestion: null };
    const [top, second] = hits;
    const correctedTo = this.corrected(text, readings, top!);
    if (!complete) return { kind: 'ambiguous', hits, correctedTo };
    const words = readings
      .filter((reading) => reading.kind !== 'unread')
      .map((reading) => (reading.kind === 'correction' ? this.surface(pick(reading, top!)) : reading.word));
    const primary = hits
      .filter((hit) => hit.score >= top!.score / 2.5 && titleCovers(hit.kep, words))
      .sort((a, b) => a.kep.number - b.kep.number)[0];
    const chosen = primary ?? (!second || top!.score >= 1.6 * second.score ? top : undefined);
    if (chosen)
      return {
        kind: 'found',
        kep: chosen.kep,
        via: 'search',
        correctedTo,
        others: hits.filter((hit) => hit !== chosen).slice(0, 3),
      };
    return { kind: 'ambiguous', hits, correctedTo };
  }

  /**
   * "Did you mean", for a text that matched nothing: only the words that were read, corrected, and
   * only when that corrected text names one KEP with confidence. Otherwise no guess at all.
   */
  private suggestion(readings: Reading[]): string | null {
    const read = readings.filter((reading) => reading.kind !== 'unread');
    if (read.length === 0 || !read.some((reading) => reading.kind === 'correction')) return null;
    const resolution = this.resolveReadings(read.map((reading) => reading.word).join(' '), read);
    return resolution.kind === 'found' ? resolution.correctedTo : null;
  }

  /**
   * The user's words with each corrected one written as the index writes the word the top hit
   * matched, and words that were not read left out; null when nothing was corrected.
   */
  private corrected(text: string, readings: Reading[], top: SearchHit): string | null {
    if (!readings.some((reading) => reading.kind === 'correction')) return null;
    const byTerm = new Map(readings.map((reading) => [reading.term, reading]));
    return normalize(text)
      .split(' ')
      .flatMap((word) => {
        const term = processTerm(word);
        const reading = term === null ? undefined : byTerm.get(term);
        if (reading?.kind === 'unread') return [];
        return [reading?.kind === 'correction' ? this.surface(pick(reading, top)) : word];
      })
      .join(' ');
  }

  private surface(term: string): string {
    return this.surfaceForms.get(term) ?? term;
  }
}

const tokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[];

/** Whether a hit matched a reading (as written, or as one of the words it was read as). */
function matches(reading: Reading, terms: readonly string[]): boolean {
  return reading.kind === 'exact'
    ? terms.includes(reading.term)
    : reading.kind !== 'unread' && reading.as.some((term) => terms.includes(term));
}

/** Of the words a reading stands for, the one the hit matched. */
function pick(reading: Extract<Reading, { as: string[] }>, hit: SearchHit): string {
  return reading.as.find((term) => hit.terms.includes(term)) ?? reading.as[0]!;
}

function expand(text: string): string {
  return text
    .toLowerCase()
    .split(/\s+/)
    .map((word) => entryOf(EXPANSIONS, word) ?? word)
    .join(' ')
    .trim();
}

const normalize = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** Every word is (the start of) a word of the KEP's title, or a title word starts it ("cgroups" / "cgroup"). */
function titleCovers(kep: Kep, words: string[]): boolean {
  if (words.length === 0) return false;
  const titleWords = normalize(kep.title).split(' ');
  return words.every((word) =>
    word
      .split(' ')
      .every((part) =>
        titleWords.some((title) => title.startsWith(part) || (title.length >= 4 && part.startsWith(title))),
      ),
  );
}
