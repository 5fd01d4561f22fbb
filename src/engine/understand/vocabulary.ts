import type { Dataset } from '../../domain/dataset.ts';
import type { Kep } from '../../domain/kep.ts';
import { SIG_ALIASES } from '../lexicon.ts';
import { ordinaryEnglishWords } from './english.ts';
import { isAscii, singleSpaced } from '../../domain/plain-text.ts';

/**
 * What the data can name, built once per dataset: feature gates, well-known feature names, SIGs,
 * components, platforms and API kinds. The entity pass reads questions against it.
 */
export interface Vocabulary {
  /** Lower-cased gate name → the gate as the data spells it and the KEPs that declare it. */
  gates: Map<string, { name: string; keps: number[] }>;
  /** Phrase (lower-case, single-spaced) → the KEP it names; longest phrases first in `aliasList`. */
  aliases: Map<string, number>;
  aliasList: string[];
  /** `aliasList` by each phrase's first word, so a question is read against the few phrases it could hold. */
  aliasesByFirstWord: PhraseIndex;
  /** Lower-cased API kind → the kind as pluto spells it ("podsecuritypolicy" → "PodSecurityPolicy"). */
  apiKinds: Map<string, string>;
  /** Group/versions pluto knows ("policy/v1beta1"). */
  apiVersions: Set<string>;
  /** SIG slugs that own KEPs ("sig-node"). */
  sigs: Set<string>;
  /** KEP titles by their words, for naming a KEP by (most of) its title. */
  titles: TitleIndex;
  /** Common English words: never a subject on their own. */
  ordinary: Set<string>;
  /** Codename phrase → release ("uwubernetes" → "1.30"). */
  codenames: Map<string, string>;
  /** The `codenames` phrases by first word. */
  codenamesByFirstWord: PhraseIndex;
  /** GA day → release. */
  releasedOn: Map<string, string>;
  /** Release team members' names, lower-cased words ("kat", "cosgrove"): a person, not a subject. */
  people: Set<string>;
}

/** First word → the phrases starting with it and each phrase's position in its list (the order they are tried in). */
export type PhraseIndex = Map<string, Array<{ phrase: string; position: number }>>;

/** Indexes phrases by their first word; a phrase can only occur in a text where its first word is a word. */
export function phraseIndex(phrases: Iterable<string>): PhraseIndex {
  const index: PhraseIndex = new Map();
  let position = 0;
  for (const text of phrases) {
    const first = text.split(' ')[0]!;
    const list = index.get(first);
    if (list) list.push({ phrase: text, position });
    else index.set(first, [{ phrase: text, position }]);
    position++;
  }
  return index;
}

/**
 * The phrases of `index` that occur in `spaced` (a text with a space at each end) as whole words,
 * in the order they were indexed.
 */
export function phrasesIn(spaced: string, index: PhraseIndex): string[] {
  let found: Array<{ phrase: string; position: number }> | null = null;
  // Word by word without splitting the text into an array first: most words start no phrase.
  for (let start = 0, end = spaced.indexOf(' '); end !== -1; start = end + 1, end = spaced.indexOf(' ', start)) {
    if (end === start) continue;
    const entries = index.get(spaced.slice(start, end));
    if (!entries) continue;
    for (const entry of entries) {
      if (found?.includes(entry) || !spaced.includes(` ${entry.phrase} `)) continue;
      found ??= [];
      found.push(entry);
    }
  }
  if (found === null) return [];
  return found.sort((a, b) => a.position - b.position).map((entry) => entry.phrase);
}

/** A word of KEP titles as the titles index it. */
export interface TitleTerm {
  /** The term as titles and questions are compared (see titleTerm). */
  term: string;
  /** Its weight: inverse document frequency over titles. */
  weight: number;
  /** The KEPs whose titles hold it, each with the weight of all its title words. */
  postings: ReadonlyArray<{ kep: number; total: number }>;
}

export interface TitleIndex {
  /** Title term → what the titles know of it. */
  terms: Map<string, TitleTerm>;
  /**
   * A question's plain word (lower-case letters and digits) → the title term it reads as, for every word that reads
   * as one ("nodes" and "node" → node): one lookup per word instead of working out its term first.
   */
  byWord: Map<string, TitleTerm>;
  /** KEPs to prefer on a tie: implemented or under way rather than withdrawn, replaced or rejected. */
  live: Set<number>;
}

/**
 * Reviewed names people use for features, and the KEP each means. Where a name has been used by
 * more than one KEP the implemented one wins (DRA is KEP-4381, not the withdrawn KEP-3063).
 * Checked against the bundled data by test/engine/entities.test.ts.
 */
export const FEATURE_ALIASES: ReadonlyArray<readonly [string, number]> = [
  ['dra', 4381],
  ['dynamic resource allocation', 4381],
  ['structured parameters', 4381],
  ['psa', 2579],
  ['pod security admission', 2579],
  ['pod security standards', 2579],
  ['psp replacement', 2579],
  ['dockershim', 2221],
  ['docker shim', 2221],
  ['docker support', 2221],
  ['dockershim removal', 2221],
  ['sidecar', 753],
  ['sidecars', 753],
  ['sidecar containers', 753],
  ['native sidecars', 753],
  ['in-place resize', 1287],
  ['in place resize', 1287],
  ['in-place pod resize', 1287],
  ['in-place update', 1287],
  ['in-place vertical scaling', 1287],
  ['pod resize', 1287],
  ['swap', 2400],
  ['swap support', 2400],
  ['node swap', 2400],
  ['user namespaces', 127],
  ['user namespace', 127],
  ['userns', 127],
  ['apparmor', 24],
  ['seccomp', 135],
  ['seccomp by default', 2413],
  ['nftables', 3866],
  ['nftables proxy', 3866],
  ['nftables kube-proxy', 3866],
  ['cgroups v2', 2254],
  ['cgroup v2', 2254],
  ['cgroup v1 maintenance mode', 4569],
  ['cel admission', 3488],
  ['validating admission policy', 3488],
  ['validatingadmissionpolicy', 3488],
  ['vap', 3488],
  ['mutating admission policy', 3962],
  ['mutating admission policies', 3962],
  ['map', 3962],
  ['kms v2', 3299],
  ['kmsv2', 3299],
  ['graceful node shutdown', 2000],
  ['topology aware hints', 2433],
  ['topology aware routing', 2433],
  ['coordinated leader election', 4355],
  ['sleep action', 3960],
  ['job success policy', 3998],
  ['recursive read-only mounts', 3857],
  ['csi migration', 625],
  ['kube-proxy ingress connectivity', 3836],
];

/** "Timbernetes (The World Tree Release)" → "timbernetes (the world tree release)", "timbernetes", "the world tree release". */
function codenameForms(codename: string): string[] {
  const parts = [codename, codename.replace(/\(.*\)/, ''), /\((.*)\)/.exec(codename)?.[1] ?? ''];
  return [...new Set(parts.map(phrase))].filter((form) => form.length >= 4);
}

/** Gate names the data uses for "no gate". */
const NOT_A_GATE = new Set(['none', 'n/a', 'na']);

const NOT_PHRASE = /[^\p{L}\p{N}\s/-]+/gu;
/** The same for lower-cased ASCII text, without the Unicode tables (the usual case, and twice as fast). */
const NOT_PHRASE_ASCII = /[^a-z0-9\s/-]+/g;

/** A KEP's title as a phrase people type: lower-case, punctuation dropped. */
export function phrase(text: string): string {
  const lower = text.toLowerCase();
  return singleSpaced(lower.replace(isAscii(lower) ? NOT_PHRASE_ASCII : NOT_PHRASE, ' '));
}

/** Words a title shares with too many others, or that no one types to name a feature. */
const TITLE_STOPWORDS = new Set(
  `a an the of for to in and or on with by from into as via at be is are it its kep keps kubernetes k8s
  add adding allow allowing enable enabling support supports new use using based api`.split(/\s+/),
);

/** A word as titles and questions are compared: lower-case, a plural "s" dropped. */
export function titleTerm(word: string): string | null {
  const lower = word.toLowerCase();
  if (lower.length < 2 || TITLE_STOPWORDS.has(lower) || /^\d+$/.test(lower)) return null;
  return lower.length > 4 && lower.endsWith('s') && !/(ss|us|is)$/.test(lower) ? lower.slice(0, -1) : lower;
}

const ONE_PLAIN_WORD = /^[a-z0-9]*$/;
const ONLY_PLAIN_WORDS = /^[a-z0-9 ]*$/;

const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/u;

/** The title terms of a text (a title, a feature's name), in the order written. */
export function termsOf(text: string): string[] {
  const terms: string[] = [];
  for (const word of text.split(NOT_LETTER_OR_DIGIT)) {
    const term = titleTerm(word);
    if (term !== null) terms.push(term);
  }
  return terms;
}

/**
 * The title terms of a lower-cased, single-spaced text, each once, in the order first written; `skip` says which
 * words are no term whatever titles hold (stopwords, placeholders).
 */
export function titleTermsIn(text: string, titles: TitleIndex, skip: (word: string) => boolean): TitleTerm[] {
  const found: TitleTerm[] = [];
  const add = (term: TitleTerm | undefined): void => {
    if (term !== undefined && !found.includes(term)) found.push(term);
  };
  // A plain word reads as a term only when byWord holds it; the rest are split into their words first.
  const allPlain = ONLY_PLAIN_WORDS.test(text);
  for (const word of text.split(' ')) {
    const known = titles.byWord.get(word);
    if (known !== undefined) {
      if (!skip(word)) add(known);
    } else if (!allPlain && !ONE_PLAIN_WORD.test(word) && !skip(word))
      for (const term of termsOf(word)) add(titles.terms.get(term));
  }
  return found;
}

function titlesOf(keps: readonly Kep[]): TitleIndex {
  const postings = new Map<string, number[]>();
  const termsByKep = new Map<number, Set<string>>();
  for (const kep of keps) {
    const terms = new Set(termsOf(kep.title));
    termsByKep.set(kep.number, terms);
    for (const term of terms) {
      const list = postings.get(term);
      if (list) list.push(kep.number);
      else postings.set(term, [kep.number]);
    }
  }
  const weight = new Map([...postings].map(([term, list]) => [term, Math.log(1 + keps.length / list.length)]));
  const total = new Map(
    [...termsByKep].map(([number, terms]) => [number, [...terms].reduce((sum, term) => sum + weight.get(term)!, 0)]),
  );
  const inactive = new Set(['withdrawn', 'rejected', 'replaced', 'superseded', 'removed']);
  const terms = new Map(
    [...postings].map(([term, list]) => {
      const postingsOfTerm = list.map((kep) => ({ kep, total: total.get(kep)! }));
      return [term, { term, weight: weight.get(term)!, postings: postingsOfTerm }] as const;
    }),
  );
  return {
    terms,
    byWord: wordsOfTerms(terms),
    live: new Set(keps.filter((kep) => !inactive.has(kep.status ?? '')).map((kep) => kep.number)),
  };
}

/** Every plain word whose title term the titles hold: the term itself and, where titleTerm drops it, its plural. */
function wordsOfTerms(terms: ReadonlyMap<string, TitleTerm>): Map<string, TitleTerm> {
  const byWord = new Map<string, TitleTerm>();
  for (const [term, entry] of terms)
    for (const word of [term, `${term}s`])
      if (ONE_PLAIN_WORD.test(word) && titleTerm(word) === term) byWord.set(word, entry);
  return byWord;
}

function gatesOf(keps: readonly Kep[], listed: Dataset['featureGates']): Vocabulary['gates'] {
  const gates: Vocabulary['gates'] = new Map();
  // Every gate the kubernetes/kubernetes lists name, with the KEPs whose kep.yaml declares it.
  for (const gate of listed.gates) gates.set(gate.name.toLowerCase(), { name: gate.name, keps: [...gate.keps] });
  for (const kep of keps) {
    for (const gate of kep.featureGates) {
      if (!/^[A-Za-z][A-Za-z0-9]{3,}$/.test(gate.name) || NOT_A_GATE.has(gate.name.toLowerCase())) continue;
      const key = gate.name.toLowerCase();
      const entry = gates.get(key);
      if (entry) {
        if (!entry.keps.includes(kep.number)) entry.keps.push(kep.number);
      } else gates.set(key, { name: gate.name, keps: [kep.number] });
    }
  }
  return gates;
}

export function buildVocabulary(dataset: Dataset): Vocabulary {
  const ordinary = ordinaryEnglishWords();
  const names = dataset.teams.flatMap((team) => team.roles.flatMap((role) => [...role.leads, ...role.shadows]));
  const people = new Set(
    names
      .flatMap((person) => person.name.toLowerCase().split(/[\s.-]+/))
      .filter((word) => word.length > 2 && !ordinary.has(word)),
  );
  const known = new Set(dataset.keps.map((kep) => kep.number));
  const aliases = new Map(FEATURE_ALIASES.filter(([, number]) => known.has(number)));
  const apiKinds = new Map<string, string>();
  const apiVersions = new Set<string>();
  for (const api of dataset.deprecatedApis) {
    if (!api.kind.endsWith('List')) apiKinds.set(api.kind.toLowerCase(), api.kind);
    apiVersions.add(api.apiVersion.toLowerCase());
  }
  const sigs = new Set(dataset.keps.map((kep) => kep.owningSig));
  for (const [, slug] of SIG_ALIASES) sigs.add(`sig-${slug}`);
  const aliasList = [...aliases.keys()].sort((a, b) => b.length - a.length);
  const codenames = new Map(
    dataset.releases.flatMap((release) =>
      codenameForms(release.announcement?.codename ?? '').map((form) => [form, release.version] as const),
    ),
  );
  return {
    gates: gatesOf(dataset.keps, dataset.featureGates),
    aliases,
    aliasList,
    aliasesByFirstWord: phraseIndex(aliasList),
    apiKinds,
    apiVersions,
    sigs,
    titles: titlesOf(dataset.keps),
    codenames,
    codenamesByFirstWord: phraseIndex(codenames.keys()),
    releasedOn: new Map(
      dataset.releases.flatMap((release) =>
        release.gaDate && release.gaDateKind !== 'planned' ? [[release.gaDate, release.version] as const] : [],
      ),
    ),
    ordinary,
    people,
  };
}

/** A KEP named by (most of) its title. */
export interface TitleMatch {
  kep: number;
  /** Share of the title's weight the question covers (0–1). */
  coverage: number;
  /** The question's terms the title holds. */
  matched: string[];
}

/** How much of a title the question must cover; a single word only when it is not ordinary English. */
const TITLE_COVERAGE = 0.55;

/**
 * The KEP whose title the question's terms cover best: at least TITLE_COVERAGE of the title's
 * weight, by two words or more, or by one word that is not ordinary English ("apparmor", "seccomp").
 * Ties prefer a live KEP over a withdrawn or replaced one, then more words matched.
 */
export function matchTitle(terms: readonly TitleTerm[], vocabulary: Vocabulary): TitleMatch | null {
  const { live } = vocabulary.titles;
  // A title is covered by the question's terms alone: one whose words weigh more than all of them together can
  // not reach TITLE_COVERAGE, and is passed over without being counted (most titles, for most questions).
  let asked = 0;
  for (const term of terms) asked += term.weight;
  const heaviest = (asked / TITLE_COVERAGE) * (1 + 1e-9);
  const covered = new Map<number, { weight: number; total: number; matched: string[] }>();
  for (const { term, weight, postings } of terms) {
    for (const { kep, total } of postings) {
      if (total > heaviest) continue;
      const entry = covered.get(kep);
      if (entry) {
        entry.weight += weight;
        entry.matched.push(term);
      } else covered.set(kep, { weight, total, matched: [term] });
    }
  }
  let best: TitleMatch | null = null;
  for (const [kep, entry] of covered) {
    const coverage = entry.weight / entry.total;
    if (coverage < TITLE_COVERAGE) continue;
    if (entry.matched.length < 2 && vocabulary.ordinary.has(entry.matched[0]!)) continue;
    const better =
      !best ||
      coverage > best.coverage + 1e-9 ||
      (Math.abs(coverage - best.coverage) <= 1e-9 &&
        ((live.has(kep) && !live.has(best.kep)) || entry.matched.length > best.matched.length));
    if (better) best = { kep, coverage, matched: entry.matched };
  }
  return best;
}
