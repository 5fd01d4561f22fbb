import type { EngineIndex } from '../engine-index.ts';
import { correctKeyword, SIG_ALIASES, STOPWORDS } from '../lexicon.ts';
import { minorNumber } from '../../domain/version.ts';
import type { ParseNotes, Period, VersionRef } from '../refs.ts';
import { cleanQuestion } from '../sanitize.ts';
import { isAscii, singleSpaced } from '../../domain/plain-text.ts';
import { matchTitle, phrase, phrasesIn, termsOf, titleTermsIn } from './vocabulary.ts';

/** Everything the data can name that one pass found in a question (the corpus harness reads this). */
export interface Entities {
  /** "1.31", "1.31.2", or 'latest' | 'current' | 'next' | 'previous'; a range gives both ends in order. */
  versions: string[];
  keps: number[];
  /** Feature gates, spelled as the data spells them. */
  gates: string[];
  /** SIG slugs: "sig-node". */
  sigs: string[];
  components: string[];
  platforms: string[];
  /** ISO yyyy-mm-dd. */
  dates: string[];
  /** Group/versions ("policy/v1beta1") and kinds ("PodSecurityPolicy"). */
  apis: string[];
}

/** A KEP the question names without its number: by a feature gate or a well-known name. */
export interface FeatureMention {
  kep: number;
  via: 'gate' | 'alias' | 'title';
  /** The words as found ("DRA", "ContextualLogging", "contextual logging"). */
  text: string;
  /** The question's words this mention accounts for (title terms), so they are not read again as a subject. */
  terms: string[];
}

/** The entity pass's full result: the entities, and the text left once they are taken out. */
export interface Extraction {
  /** Lower-cased, normalised; versions → "ver", KEP references → "kepref", the SIG → "sigref". */
  text: string;
  versions: VersionRef[];
  /** Two versions written as a span ("1.27 - 1.32", "from 1.24 to 1.26", "1.24 → 1.26"). */
  range: boolean;
  keps: number[];
  sig: string | null;
  sigs: string[];
  gates: Array<{ name: string; keps: number[] }>;
  features: FeatureMention[];
  components: string[];
  platforms: string[];
  dates: string[];
  /** Months and years named without a day ("in 2024", "Feb 2027"), as the first and last ISO day of each. */
  periods: Period[];
  apis: string[];
  /** A group/version such as "policy/v1beta1", kept as written. */
  apiVersion: string | null;
  /** "latest patch" was asked for: the "latest" is about the patch, not the minor. */
  latestPatch: boolean;
}

export const VERSION_PLACEHOLDER = 'ver';
export const KEP_PLACEHOLDER = 'kepref';
export const SIG_PLACEHOLDER = 'sigref';
export const DATE_PLACEHOLDER = 'dateref';
export const PERIOD_PLACEHOLDER = 'periodref';
export const PLACEHOLDERS = new Set([
  VERSION_PLACEHOLDER,
  KEP_PLACEHOLDER,
  SIG_PLACEHOLDER,
  DATE_PLACEHOLDER,
  PERIOD_PLACEHOLDER,
]);

/** Words the relative versions are made of; cue words, never search terms. */
export const RELATIVE_WORDS = [
  'current',
  'previous',
  'prior',
  'next',
  'upcoming',
  'recent',
  'last',
  'this',
  'most',
  'latest',
  'newest',
];
/** Month names: parts of dates, never a subject. */
export const MONTH_WORDS = `january february march april may june july august september october november december
  jan feb mar apr jun jul aug sep sept oct nov dec`.split(/\s+/);

const MILESTONE_PHRASE =
  /\b(code|enhancements?|docs?|documentation|test|feature blog|blog|prr|production readiness) (freeze|thaw)\b/g;

/** A version as people write it: v1.31, 1.31, 1.31.2, 1,31, 1.31.x, 1.31.0-rc.1. */
const WRITTEN_VERSION =
  /(?<![\w./#-])v?\s?([12])[.,](\d{1,3})(?:\.(\d{1,3}|x))?(?:-(alpha|beta|rc)\.?\d*)?(?![\w]|[.,]\d)/g;
/** Every WRITTEN_VERSION holds this, at most two characters ("v ") after the match starts. */
const VERSION_CORE = /[12][.,]\d/g;

/**
 * `s.replace(WRITTEN_VERSION, replace)`, with the pattern tried only where a VERSION_CORE stands: a pattern that
 * opens with a lookbehind and optional characters is otherwise tried at every position of the text.
 */
function replaceWrittenVersions(
  s: string,
  replace: (match: string, major: string, minor: string, patch?: string, pre?: string) => string,
): string {
  let replaced = '';
  let copied = 0;
  VERSION_CORE.lastIndex = 0;
  for (let core = VERSION_CORE.exec(s); core !== null; core = VERSION_CORE.exec(s)) {
    WRITTEN_VERSION.lastIndex = Math.max(copied, core.index - 2);
    const match = WRITTEN_VERSION.exec(s);
    if (match === null) break;
    replaced += s.slice(copied, match.index) + replace(match[0], match[1]!, match[2]!, match[3], match[4]);
    copied = match.index + match[0].length;
    // A match holds its core, so the next core starts after it.
    VERSION_CORE.lastIndex = copied;
  }
  return copied === 0 ? s : replaced + s.slice(copied);
}
const NUMBERED_VERSION = /\bver(\d+)\b/g;
const NUMBERED_PLACEHOLDER = /^ver\d+$/;
/** A word that is never part of a KEP's title as the question names it: a stopword or a placeholder. */
const isNoTitleWord = (word: string): boolean =>
  STOPWORDS.has(word) || PLACEHOLDERS.has(word) || (word.startsWith('ver') && NUMBERED_PLACEHOLDER.test(word));
const FIRST_PLACEHOLDER = `${VERSION_PLACEHOLDER}0`;
const WORD_CHARACTER = /\w/;
const isWordCharacter = (character: string | undefined): boolean =>
  character !== undefined && WORD_CHARACTER.test(character);

/**
 * Where the first version's placeholder ("ver0") stands when it is the text's only one and a word of its own, as
 * NUMBERED_VERSION would find it; -1 otherwise (then the pattern reads the text).
 */
function soleFirstPlaceholder(s: string): number {
  const at = s.indexOf(FIRST_PLACEHOLDER);
  if (at < 0 || s.indexOf(FIRST_PLACEHOLDER, at + 1) >= 0) return -1;
  const after = s[at + FIRST_PLACEHOLDER.length];
  if (isWordCharacter(s[at - 1]) || isWordCharacter(after)) return -1;
  return at;
}
/** What is neither a letter, a digit, whitespace nor one of / - # > (which the readings after it need). */
const NOT_WORD = /[^\p{L}\p{N}\s/\-#>]+/gu;
/** The same for lower-cased ASCII text, without the Unicode tables (the usual case, and twice as fast). */
const NOT_WORD_ASCII = /[^a-z0-9\s/\-#>]+/g;
const RANGE_HINT = /\d\s*(?:-|–|—|\.\.|~)\s*v?\d/;
const RANGE_SEPARATOR =
  /(?<![\w./#-])(v?([12])\.(\d{1,3})(?:\.(?:\d{1,3}|x))?)\s*(?:-{1,2}|[–—]|\.{2,3}|~)\s*(?=v?([12])\.(\d{1,3})(?!\d))/g;
const rangeTo = (match: string, first: string, ...ends: string[]): string => {
  const [major, minor, toMajor, toMinor] = ends.map(Number) as [number, number, number, number];
  return major < toMajor || (major === toMajor && minor < toMinor) ? `${first} thru ` : match;
};
const RELEASE_WORD = '(?:k8s |kubernetes )?(?:release|releases|version|minor|cycle|one|k8s|kubernetes)';
const SERIES = /(?<![\w./#-])v?1\.([1-9])x\b/g;

/** A series ("k8s 1.3x") as the span of its releases the data has: "1.30 thru 1.37". */
function spellSeries(s: string, index: EngineIndex): string {
  const newest = minorNumber(index.newest);
  const oldest = minorNumber(index.oldest);
  return s.replace(SERIES, (match, tens: string) => {
    const low = Math.max(Number(tens) * 10, oldest);
    const high = Math.min(Number(tens) * 10 + 9, newest);
    return low < high ? ` 1.${low} thru 1.${high} ` : low === high ? ` 1.${low} ` : match;
  });
}

type Relative = Extract<VersionRef, { kind: 'relative' }>['which'];
/**
 * "latest release", "next one", "previous version"…, compiled once; each with the words one of which
 * it cannot match without, so a question holding none of them skips it.
 */
const RELATIVE_VERSIONS: ReadonlyArray<readonly [RegExp, Relative, readonly string[]]> = [
  [
    new RegExp(`\\b(?:previous|prior|preceding)(?: ${RELEASE_WORD})?\\b`, 'g'),
    'previous',
    ['previous', 'prior', 'preceding'],
  ],
  [
    new RegExp(`\\b(?:the )?(?:release|version) before (?:the )?(?:latest|current|last)(?: ${RELEASE_WORD})?\\b`, 'g'),
    'previous',
    ['before'],
  ],
  [
    new RegExp(
      `\\b(?:next|upcoming|future|coming)(?: ${RELEASE_WORD}\\b|(?= ?$| (?:have|has|include|bring|contain)))`,
      'g',
    ),
    'next',
    ['next', 'upcoming', 'future', 'coming'],
  ],
  [
    new RegExp(`\\b(?:this|current|in-progress|ongoing)(?: ${RELEASE_WORD}\\b|(?= ?$))`, 'g'),
    'current',
    ['this', 'current', 'in-progress', 'ongoing'],
  ],
  [
    new RegExp(
      `\\b(?:latest|newest|most recent|recent|last)(?: ${RELEASE_WORD}\\b|(?= ?$| (?:ga|stable|beta|alpha)))`,
      'g',
    ),
    'latest',
    ['latest', 'newest', 'recent', 'last'],
  ],
  [/\b(?:latest|newest)\b/g, 'latest', ['latest', 'newest']],
];
/** Any word a relative version cannot match without: a question with none skips them all. */
const MIGHT_BE_RELATIVE = new RegExp(RELATIVE_VERSIONS.flatMap(([, , needs]) => needs).join('|'));
const SIG_ALIASES_LONGEST_FIRST = [...SIG_ALIASES].sort((a, b) => b[0].length - a[0].length);
/**
 * SIG areas that read as one without "SIG": "for windows in 1.32", "for storage folks". Only at the end of the
 * question or right before a release, so "for node affinity" stays a feature.
 */
const SIG_AREA =
  /\bfor (?:the )?(api machinery|cluster lifecycle|cloud provider|node|storage|network|networking|windows|auth|apps|scheduling|autoscaling|instrumentation|multicluster|scalability)(?: (?:folks|people|users|teams?|side))?(?=\s+(?:in|on|for|at|with)\s+(?:the\s+)?ver\d|\s*$)/;

/** Components by the names people write them. */
const COMPONENTS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bkube-?apiservers?\b|\bapi-?servers?\b/, 'kube-apiserver'],
  [/\bkube-?scheduler\b/, 'kube-scheduler'],
  [/\bkube-?controller-?manager\b/, 'kube-controller-manager'],
  [/\bcloud-controller-manager\b/, 'cloud-controller-manager'],
  [/\bkube-?proxy\b/, 'kube-proxy'],
  [/\bkubelets?\b/, 'kubelet'],
  [/\bkubectl\b/, 'kubectl'],
  [/\bkubeadm\b/, 'kubeadm'],
  [/\betcd\b/, 'etcd'],
  [/\bclient-go\b/, 'client-go'],
];

/** Every COMPONENTS pattern holds one of these; a question with none names no component. */
const COMPONENT_HINT = /kube|api|etcd|client/;

/** Managed Kubernetes platforms. */
const PLATFORMS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\beks\b|\bamazon elastic kubernetes\b|\baws kubernetes\b/, 'eks'],
  [/\baks\b|\bazure kubernetes\b/, 'aks'],
  [/\bgke\b|\bgoogle kubernetes engine\b/, 'gke'],
  [/\bopenshift\b|\bocp\b|\brosa\b/, 'openshift'],
  [/\back\b(?! (?:to|on|for))|\balibaba cloud container\b/, 'ack'],
];

/** Every PLATFORMS pattern holds one of these; a question with none names no platform. */
const PLATFORM_HINT = /eks|amazon|aws|aks|azure|gke|google|openshift|ocp|rosa|ack|alibaba/;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const MONTH_DAY = new RegExp(`\\b${MONTH} ${DAY}(?:,? (\\d{4}))?\\b`, 'g');
const DAY_MONTH = new RegExp(`\\b${DAY} (?:of )?${MONTH}(?:,? (\\d{4}))?\\b`, 'g');
const ISO_DATE = /\b(\d{4})-(\d{2})-(\d{2})\b/g;
const SLASH_DATE = /(?<![\w/.])(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})(?![\w/])/g;
/** Year first with slashes ("2025/08/27"): always year, month, day. */
const YEAR_SLASH_DATE = /(?<![\w/.])(\d{4})\/(\d{1,2})\/(\d{1,2})(?![\w/])/g;

/** Every month name starts with one of these: a text with none names no month. */
const MIGHT_NAME_MONTH = new RegExp(MONTHS.join('|'));

function isoOf(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return null;
  return date.toISOString().slice(0, 10);
}

const fullYear = (year: string): number => (year.length === 2 ? 2000 + Number(year) : Number(year));

/** Dates written "Aug 13, 2024", "13 August 2024", "Aug 13th", "13/08/24", "2024-08-13", "2024/08/13"; removed from the text. */
function takeDates(s: string, dates: string[], defaultYear: number): string {
  const found = (iso: string | null, match: string): string => {
    if (!iso) return match;
    if (!dates.includes(iso)) dates.push(iso);
    return ` ${DATE_PLACEHOLDER} `;
  };
  if (/\d{4}-\d{2}-\d{2}/.test(s))
    s = s.replace(ISO_DATE, (match, y: string, m: string, d: string) =>
      found(isoOf(Number(y), Number(m), Number(d)), match),
    );
  if (s.includes('/')) {
    s = s.replace(YEAR_SLASH_DATE, (match, y: string, m: string, d: string) =>
      found(isoOf(Number(y), Number(m), Number(d)), match),
    );
    s = s.replace(SLASH_DATE, (match, a: string, b: string, y: string) => {
      // Day first when the first number cannot be a month ("13/08/24"); month first otherwise (US style).
      const [day, month] = Number(a) > 12 ? [Number(a), Number(b)] : [Number(b), Number(a)];
      return found(isoOf(fullYear(y), month, day), match);
    });
  }
  if (MIGHT_NAME_MONTH.test(s)) {
    const monthIndex = (name: string) => MONTHS.indexOf(name.slice(0, 3)) + 1;
    s = s.replace(MONTH_DAY, (match, m: string, d: string, y?: string) =>
      found(isoOf(y ? Number(y) : defaultYear, monthIndex(m), Number(d)), match),
    );
    s = s.replace(DAY_MONTH, (match, d: string, m: string, y?: string) =>
      found(isoOf(y ? Number(y) : defaultYear, monthIndex(m), Number(d)), match),
    );
  }
  return s;
}

const MONTH_YEAR = new RegExp(`\\b${MONTH},? (20[1-3]\\d)\\b`, 'g');
/** A bare year counts only after a word that makes it a time ("in 2024", "during 2025"), not "2024 clusters". */
const YEAR = /\b(in|during|of|for|from|since|by|before|after|throughout|until|till) (20[1-3]\d)\b/g;
const MONTH_LABELS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Feb 2027", "December 2024", "in 2024": months and years without a day; removed from the text. Run after takeDates. */
function takePeriods(s: string, periods: Period[]): string {
  if (!/20[1-3]\d/.test(s)) return s;
  const found = (period: Period): void => {
    if (!periods.some((known) => known.from === period.from && known.to === period.to)) periods.push(period);
  };
  s = s.replace(MONTH_YEAR, (_, m: string, y: string) => {
    const month = MONTHS.indexOf(m.slice(0, 3)) + 1;
    const last = new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
    const pad = String(month).padStart(2, '0');
    found({ from: `${y}-${pad}-01`, to: `${y}-${pad}-${last}`, label: `${MONTH_LABELS[month - 1]} ${y}` });
    return ` ${PERIOD_PLACEHOLDER} `;
  });
  return s.replace(YEAR, (_, word: string, y: string) => {
    found({ from: `${y}-01-01`, to: `${y}-12-31`, label: y });
    return ` ${word} ${PERIOD_PLACEHOLDER} `;
  });
}

/** Short names people use for API kinds. */
const API_ALIASES = new Map([
  ['psp', 'PodSecurityPolicy'],
  ['pdb', 'PodDisruptionBudget'],
  ['hpa', 'HorizontalPodAutoscaler'],
  ['crd', 'CustomResourceDefinition'],
  ['crds', 'CustomResourceDefinition'],
]);

/**
 * API kinds ("PodSecurityPolicy", "psp", "CronJobs") and group/versions written in part: a kind or a
 * group's first label beside a bare version ("CSIStorageCapacity v1beta1", "flowcontrol v1beta3").
 */
function takeApis(s: string, cleanText: string, index: EngineIndex, apis: string[]): void {
  const { apiKinds, apiVersions } = index.vocabulary;
  const kinds: string[] = [];
  for (const word of cleanText.match(/\b[A-Za-z]{3,}\b/g) ?? []) {
    const lower = word.toLowerCase();
    const alias = API_ALIASES.get(lower);
    const kind =
      apiKinds.get(lower) ??
      (lower.endsWith('s') ? apiKinds.get(lower.replace(/e?s$/, '')) : undefined) ??
      (alias && apiKinds.get(alias.toLowerCase()));
    // "Deployment" names the API; "deployment" is just a word, unless the word is no ordinary English ("ingress").
    if (!kind) continue;
    const looksLikeKind = /[A-Z]/.test(word) || alias !== undefined || !index.vocabulary.ordinary.has(lower);
    if (looksLikeKind && !kinds.includes(kind)) kinds.push(kind);
  }
  apis.push(...kinds.filter((kind) => !apis.includes(kind)));
  const bare = /(?<![\w/])(v\d+(?:alpha|beta)\d+)\b/.exec(s)?.[1];
  if (!bare || apis.some((api) => api.includes('/'))) return;
  const byKind = index.apis.find((api) => kinds.includes(api.kind) && api.apiVersion.endsWith(`/${bare}`));
  const group = byKind
    ? null
    : [...apiVersions].find(
        (version) => version.endsWith(`/${bare}`) && new RegExp(`\\b${version.split(/[./]/)[0]}\\b`).test(s),
      );
  const found = byKind?.apiVersion ?? group;
  if (found) apis.unshift(found);
}

/** Feature gates (as one CamelCase word) and well-known names, longest first; each found once. */
function takeFeatures(
  s: string,
  original: string,
  index: EngineIndex,
  extraction: Pick<Extraction, 'gates' | 'features'>,
): string {
  const vocabulary = index.vocabulary;
  for (const token of original.match(/[A-Za-z][A-Za-z0-9]{5,}/g) ?? []) {
    const gate = vocabulary.gates.get(token.toLowerCase());
    if (!gate || extraction.gates.some((entry) => entry.name === gate.name)) continue;
    extraction.gates.push(gate);
    const kep = gate.keps.length === 1 ? gate.keps[0] : undefined;
    if (kep !== undefined)
      extraction.features.push({ kep, via: 'gate', text: gate.name, terms: [gate.name.toLowerCase()] });
  }
  for (const alias of phrasesIn(` ${phrase(s)} `, vocabulary.aliasesByFirstWord)) {
    const kep = vocabulary.aliases.get(alias)!;
    if (!extraction.features.some((feature) => feature.kep === kep))
      extraction.features.push({ kep, via: 'alias', text: alias, terms: termsOf(alias) });
  }
  return s;
}

/** Keyword typos ("shedule", "depreciated", "sig-netwrok") fixed; feature names are left to the fuzzy search. */
function withKeywordTyposFixed(
  s: string,
  index: EngineIndex,
  notes: ParseNotes,
  cueWords: ReadonlySet<string>,
): string {
  const { codenames, ordinary } = index.vocabulary;
  const words = s.split(/([ -])/);
  let fixed = false;
  for (let at = 0; at < words.length; at += 2) {
    const word = words[at]!;
    // An ordinary word is meant as written ("stale" is not "stable"), and a release's codename is no typo
    // ("Uwubernetes" is not "kubernetes").
    const keyword = correctKeyword(word, ordinary, cueWords);
    if (!keyword || codenames.has(word)) continue;
    notes.corrections.push({ from: word, to: keyword });
    words[at] = keyword;
    fixed = true;
  }
  return fixed ? words.join('') : s;
}

/**
 * The entity pass as it goes: the text as rewritten so far (lower-cased; what was found replaced by placeholders)
 * and what was found. Each stage below reads and rewrites it; kept apart, each is its own unit for the JIT, so a
 * question that takes a stage's rare branch recompiles that stage, not the whole pass.
 */
interface Pass {
  s: string;
  readonly keps: number[];
  readonly dates: string[];
  readonly periods: Period[];
  readonly apis: string[];
  /** A group/version written out ("policy/v1beta1"), or found by its parts. */
  apiVersion: string | null;
  /** Versions in the order written; each stands in the text as "ver<position>" until they are numbered. */
  readonly found: VersionRef[];
  readonly extraction: Pick<Extraction, 'gates' | 'features'>;
}

/** The text with `ref` taken out: its numbered placeholder. */
const placeholderOf = (pass: Pass, ref: VersionRef): string => ` ${VERSION_PLACEHOLDER}${pass.found.push(ref) - 1} `;

/** KEP numbers, written as links, "KEP-1287", "enhancements#1287" or "#1287". */
function takeKepReferences(pass: Pass): void {
  const kepFound = (_: string, digits: string): string => {
    const number = Number(digits);
    if (number > 0 && !pass.keps.includes(number)) pass.keps.push(number);
    return ` ${KEP_PLACEHOLDER} `;
  };
  let s = pass.s;
  // Each pattern only runs when the text could hold it: most questions have no URL, "#" or "kep".
  if (s.includes('/')) {
    s = s
      .replace(/(?:(?:https?:\/\/)?github\.com\/kubernetes\/)?enhancements\/(?:issues|pull)\/(\d{1,5})\S*/g, kepFound)
      .replace(/\bkeps\/sig-[a-z-]+\/(\d{1,5})-\S*/g, kepFound)
      .replace(/https?:\/\/\S+/g, ' ');
  }
  if (s.includes('kep')) s = s.replace(/\bkeps?\s*[-#:]?\s*(\d{1,5})\b(?![.,]\d)/g, kepFound);
  if (s.includes('enhancement'))
    s = s.replace(/(?:kubernetes\/)?enhancements?\s*(?:#|issue\s*#?)\s*(\d{1,5})\b/g, kepFound);
  if (s.includes('#')) s = s.replace(/(?<![\w&])#\s?(\d{1,5})\b(?![.,]\d)/g, kepFound);
  pass.s = s;
}

/** Words written in more than one way, written one way ("GA'd", "generally available", "end-of-life"). */
function withWordFormsNormalised(text: string): string {
  let s = text;
  // Each rewrite runs only when the text holds the letters it needs (the same result, less work).
  if (s.includes('g.a')) s = s.replace(/\bg\.a\.?(?=\s|$|[?!,;:])/g, ' ga ');
  if (s.includes('ga'))
    s = s.replace(/\bga(?:'d|'ed|-ed|ed|'s)(?=\W|$)/g, ' ga ').replace(/\bga (date|day)\b/g, 'release $1');
  if (s.includes('general')) s = s.replace(/\bgenerally available\b|\bgeneral availability\b/g, ' ga ');
  if (s.includes("'")) s = s.replace(/(\w)'s\b/g, '$1').replace(/n't\b/g, ' not');
  if (s.includes('stable '))
    s = s.replace(
      /\b(?:(?:current|latest|newest) )?stable (?:k8s |kubernetes )?(?:version|release)\b/g,
      ' latest release ',
    );
  if (s.includes('end'))
    s = s.replace(/\bend[- ]of[- ]life\b/g, 'end of life').replace(/\bend[- ]of[- ]support\b/g, 'end of support');
  return s;
}

/** Versions, written v1.31, 1.31, 1.31.2 or 1,31, as ranges ("1.30-1.33") and series ("k8s 1.3x"). */
function takeVersions(pass: Pass, index: EngineIndex): void {
  let s = pass.s;
  // A range written with a dash or dots ("1.30-1.33", "1.30 – 1.33", "1.30..1.33") reads "1.30 thru 1.33"; only
  // between two versions, oldest first ("1.30 - is it out?" and "1.33 - 1.30" are no range).
  if (RANGE_HINT.test(s)) s = s.replace(RANGE_SEPARATOR, rangeTo);
  // "k8s 1.3x" is every 1.3* release the data has.
  if (s.includes('x')) s = spellSeries(s, index);
  // Majors other than 1 are kept so "2.0" gets an honest reply. Each version becomes a numbered placeholder so exact
  // and relative ones keep the order they were written in.
  const { apiVersion } = pass;
  pass.s = replaceWrittenVersions(s, (match, major, minor, patch, pre) => {
    if (apiVersion && match.trim().startsWith('v') && apiVersion.includes(match.trim())) return match;
    const minorText = `${major}.${Number(minor)}`;
    // "1.33.0" is the minor release itself (its release notes, its GA list), not a patch of it.
    const patchText = patch != null && patch !== 'x' && Number(patch) !== 0 ? `${minorText}.${Number(patch)}` : null;
    return `${placeholderOf(pass, { kind: 'exact', minor: minorText, patch: patchText })}${pre ? ` prerelease-${pre} ` : ''}`;
  });
}

/** The text's words and nothing else: punctuation dropped, stray dashes and slashes too, single-spaced. */
function tidied(text: string): string {
  let s = text.replace(isAscii(text) ? NOT_WORD_ASCII : NOT_WORD, ' ');
  if (/[-#>/]/.test(s)) s = s.replace(/(^|\s)[-#>/]+(?=\s|$)/g, '$1').replace(/\s-(?!>)/g, ' ');
  return singleSpaced(s);
}

/** "Latest 1.35 patch", "newest patch release": the "latest" is about the patch, not the minor. */
function takeLatestPatch(pass: Pass): boolean {
  let latestPatch = false;
  if (pass.s.includes('patch'))
    pass.s = pass.s.replace(
      /\b(?:latest|newest|most recent|last|current|recent|final)\s+(ver\d+\s+)?(?:patch|patches|patch release|patch version)\b/g,
      (_, version?: string) => {
        latestPatch = true;
        // "latest 1.35 patch" keeps its release.
        return ` ${version ?? ''}patch `;
      },
    );
  return latestPatch;
}

/** "The next release", "the previous one", "latest": kept symbolic, resolved at the time asked. */
function takeRelativeVersions(pass: Pass): void {
  if (!MIGHT_BE_RELATIVE.test(pass.s)) return;
  const relative = (which: Relative) => (): string => placeholderOf(pass, { kind: 'relative', which });
  for (const [pattern, which, needs] of RELATIVE_VERSIONS) {
    for (const word of needs) {
      if (!pass.s.includes(word)) continue;
      pass.s = pass.s.replace(pattern, relative(which));
      break;
    }
  }
}

/** A release named by its codename ("Uwubernetes"), by the day it shipped ("released Aug 13, 2024") or its month. */
function takeNamedReleases(pass: Pass, cleanText: string, index: EngineIndex): void {
  const { codenames, codenamesByFirstWord, ordinary, releasedOn } = index.vocabulary;
  for (const codename of phrasesIn(` ${pass.s} `, codenamesByFirstWord)) {
    const version = codenames.get(codename)!;
    // A codename that is an ordinary word ("Stability", "Combiner") counts only as a name: capitalised.
    const word = !codename.includes(' ') && ordinary.has(codename);
    if (word && !new RegExp(`\\b${codename[0]!.toUpperCase()}${codename.slice(1)}\\b`).test(cleanText)) continue;
    pass.s = pass.s.replace(codename, placeholderOf(pass, { kind: 'exact', minor: version, patch: null }));
  }
  const named = (version: string | undefined): void => {
    if (version && !pass.found.some((ref) => ref.kind === 'exact' && ref.minor === version))
      pass.s += placeholderOf(pass, { kind: 'exact', minor: version, patch: null });
  };
  for (const date of pass.dates) named(releasedOn.get(date));
  // "The Dec 2024 release": a month in which exactly one release shipped names it.
  for (const period of pass.periods) {
    if (period.from.slice(0, 7) !== period.to.slice(0, 7)) continue;
    const shipped = [...releasedOn].filter(([day]) => day >= period.from && day <= period.to);
    if (shipped.length === 1) named(shipped[0]![1]);
  }
}

/** The SIG, named with the word ("SIG Node", "node sig") or by its area ("what's new for Windows"). */
function takeSig(pass: Pass, cueWords: ReadonlySet<string>): string | null {
  let sig: string | null = null;
  const s = pass.s;
  const sigMatch = s.includes('sig')
    ? (/\bsig[\s-]+([a-z]+(?:[\s-][a-z]+){0,2})/.exec(s) ??
      /\b(api machinery|cluster lifecycle|cloud provider|[a-z]+) sig\b/.exec(s))
    : null;
  if (sigMatch) {
    const words = sigMatch[1]!.replace(/-/g, ' ');
    const alias = SIG_ALIASES_LONGEST_FIRST.find(([name]) => words === name || words.startsWith(`${name} `));
    const first = words.split(' ')[0]!;
    if (alias || (!STOPWORDS.has(first) && !cueWords.has(first) && !PLACEHOLDERS.has(first))) {
      const slug = alias ? alias[1] : first;
      sig = `sig-${slug}`;
      const consumed = alias ? alias[0] : first;
      pass.s = s.replace(
        new RegExp(
          `\\bsig[\\s-]+${consumed.replace(/[ -]/g, '[\\s-]')}\\b|\\b${consumed.replace(/[ -]/g, '[\\s-]')} sig\\b`,
        ),
        ` ${SIG_PLACEHOLDER} `,
      );
    }
  }
  // "What's new for Windows in 1.32", "anything for storage folks": a SIG's area named without the word "SIG".
  const area = sig === null && pass.s.includes('for ') ? SIG_AREA.exec(pass.s) : null;
  if (area) {
    sig = `sig-${SIG_ALIASES_LONGEST_FIRST.find(([name]) => name === area[1])![1]}`;
    pass.s = pass.s.replace(area[0], ` for ${SIG_PLACEHOLDER} `);
  }
  return sig;
}

/** A KEP named by (most of) its title, when nothing else named a feature. */
function takeTitle(pass: Pass, index: EngineIndex): void {
  if (pass.extraction.features.length > 0) return;
  // Words of a milestone's name ("code freeze") are the schedule's, not a title's.
  const s = pass.s;
  const withoutMilestones = s.includes('freeze') || s.includes('thaw') ? s.replace(MILESTONE_PHRASE, ' ') : s;
  const terms = titleTermsIn(withoutMilestones, index.vocabulary.titles, isNoTitleWord);
  const match = matchTitle(terms, index.vocabulary);
  if (match)
    pass.extraction.features.push({
      kep: match.kep,
      via: 'title',
      text: match.matched.join(' '),
      terms: match.matched,
    });
}

/** The versions in the order written, their placeholders made plain "ver". */
function numberedVersions(pass: Pass): VersionRef[] {
  const { found } = pass;
  const versions: VersionRef[] = [];
  const only = found.length === 1 ? soleFirstPlaceholder(pass.s) : -1;
  if (only >= 0) {
    // One version, written once (most questions): its placeholder loses its number without a pass over the text.
    versions.push(found[0]!);
    pass.s = pass.s.slice(0, only + VERSION_PLACEHOLDER.length) + pass.s.slice(only + VERSION_PLACEHOLDER.length + 1);
  }
  // Only placeholders this pass wrote are versions: "ver2" typed by someone is just a word.
  else if (found.length > 0)
    pass.s = pass.s.replace(NUMBERED_VERSION, (word, position: string) => {
      const ref = found[Number(position)];
      if (!ref) return word;
      versions.push(ref);
      return VERSION_PLACEHOLDER;
    });
  return versions;
}

/**
 * The entity pass: finds versions (and ranges), KEP numbers, the SIG, API group/versions and kinds,
 * feature gates, well-known feature names, components, platforms and dates, and returns the text
 * with versions, KEP references and the SIG replaced by placeholders (the cue words stay).
 */
export function extractEntities(
  cleanText: string,
  index: EngineIndex,
  notes: ParseNotes,
  cueWords: ReadonlySet<string>,
  now?: Date,
): Extraction {
  let s = cleanText.toLowerCase();
  const ascii = isAscii(s);
  if (!ascii || s.includes('`')) s = s.replace(/[’‘`´]/g, "'");
  if (!ascii || s.includes('>')) s = s.replace(/->|→|=>|⇒|➡/g, ' to ');
  const pass: Pass = {
    s,
    keps: [],
    dates: [],
    periods: [],
    apis: [],
    apiVersion: null,
    found: [],
    extraction: { gates: [], features: [] },
  };
  takeKepReferences(pass);
  const year = (now ?? new Date(`${index.dataset.manifest.dataDate}T00:00:00Z`)).getUTCFullYear();
  pass.s = withWordFormsNormalised(takePeriods(takeDates(pass.s, pass.dates, year), pass.periods));
  const api = pass.s.includes('/') ? /\b([a-z0-9][a-z0-9.-]*\/v\d+(?:(?:alpha|beta)\d+)?)\b/.exec(pass.s) : null;
  if (api) {
    pass.apiVersion = api[1]!;
    pass.apis.push(pass.apiVersion);
  }
  takeVersions(pass, index);

  takeFeatures(pass.s, cleanText, index, pass.extraction);
  const platforms = PLATFORM_HINT.test(pass.s)
    ? PLATFORMS.filter(([pattern]) => pattern.test(pass.s)).map(([, name]) => name)
    : [];
  takeApis(pass.s, cleanText, index, pass.apis);
  pass.apiVersion ??= pass.apis.find((entry) => entry.includes('/')) ?? null;

  pass.s = withKeywordTyposFixed(tidied(pass.s), index, notes, cueWords);
  // After the typos are fixed: "kubelte 1.31" names the kubelet.
  const components = COMPONENT_HINT.test(pass.s)
    ? COMPONENTS.filter(([pattern]) => pattern.test(pass.s)).map(([, name]) => name)
    : [];
  const latestPatch = takeLatestPatch(pass);
  takeRelativeVersions(pass);
  takeNamedReleases(pass, cleanText, index);
  const sig = takeSig(pass, cueWords);
  takeTitle(pass, index);

  const versions = numberedVersions(pass);
  const text = singleSpaced(pass.s);
  const range =
    versions.length === 2 && /\bver (?:to|through|thru|till|until|-) ver\b|\bbetween ver and ver\b/.test(text);
  const { extraction } = pass;
  return {
    text,
    versions,
    range,
    keps: pass.keps,
    sig,
    sigs: sig ? [sig] : [],
    gates: extraction.gates,
    features: extraction.features,
    components,
    platforms,
    dates: pass.dates,
    periods: pass.periods,
    apis: pass.apis,
    apiVersion: pass.apiVersion,
    latestPatch,
  };
}

const versionText = (ref: VersionRef): string => (ref.kind === 'relative' ? ref.which : (ref.patch ?? ref.minor));

/** The entities of a question, in the shape the corpus harness compares. Never throws. */
export function recognizeEntities(
  text: string,
  index: EngineIndex,
  cueWords: ReadonlySet<string>,
  now?: Date,
): Entities {
  const clean = cleanQuestion(text);
  const notes: ParseNotes = { corrections: [], truncated: false, stripped: false };
  return toEntities(extractEntities(clean.text, index, notes, cueWords, now));
}

export function toEntities(found: Extraction): Entities {
  return {
    versions: found.versions.map(versionText),
    keps: [...found.keps, ...found.features.map((feature) => feature.kep).filter((kep) => !found.keps.includes(kep))],
    gates: found.gates.map((gate) => gate.name),
    sigs: found.sigs,
    components: found.components,
    platforms: found.platforms,
    dates: found.dates,
    apis: found.apis,
  };
}
