import type { EngineIndex } from '../engine-index.ts';
import { FEATURE_QUESTION_WORDS, STOPWORDS } from '../lexicon.ts';
import type { ParseNotes, VersionRef } from '../refs.ts';
import { extractEntities, type Extraction, PLACEHOLDERS } from './entities.ts';
import { titleTerm } from './vocabulary.ts';
import { isAscii } from '../../domain/plain-text.ts';

/**
 * What every recogniser receives: the question once read, with its entities found. Recognisers
 * test cue words with `has(/…/)` against `text` (lower-case; versions read "ver", KEP references
 * "kepref", the SIG "sigref") and look at `entities`; they never search the dataset themselves.
 */
export interface Question {
  /** The message as delivered (bounded, not cleaned): for commands whose arguments must survive as typed. */
  raw: string;
  /** The cleaned question as the user cased it. */
  original: string;
  /** `original` lower-cased: the words as written, punctuation kept (read once, for the kinds that need it). */
  lowered: string;
  /** Lower-cased, normalised, entities replaced by placeholders. */
  text: string;
  entities: Extraction;
  /** `entities.versions[0]`, or null. */
  version: VersionRef | null;
  /**
   * Words that no entity, no kind's vocabulary and no stopword claims: what the question is
   * "about" when it names a feature in its own words. Empty for most structured questions.
   */
  subject: string[];
  /**
   * The subject as the user cased it, keeping cue words that can be part of a feature name ("leader election").
   * Written out on first call: only a question read as a feature or a search needs it.
   */
  subjectText(): string;
  /**
   * The distinctive part of the subject: words that are not ordinary English, not a person's name and
   * not already read as a named feature. A structured question stays structured whatever ordinary
   * words it holds ("who's leading 1.36", "which features moved to GA"); a topic may make it about something else.
   */
  topic: string[];
  /** The KEP the question names (by number, gate, well-known name or title), or null. */
  feature: number | null;
  has(pattern: RegExp): boolean;
  /** Starts like a yes/no question ("is …", "did …") or asks "yet"/"already". */
  yesNo: boolean;
  index: EngineIndex;
  now: Date;
}

/**
 * Phrases that belong to a kind; removed before the subject is taken. Each with the words one of
 * which it cannot match without, so a question holding none of them skips it.
 */
const CUE_PHRASES: ReadonlyArray<readonly [RegExp, readonly string[]]> = [
  [
    /\b(code|enhancements?|kep|feature|prr|production readiness|feature blog|blog|test|docs?|documentation) freeze\b/g,
    ['freeze'],
  ],
  [/\bcode thaw\b/g, ['thaw']],
  [/\brelease candidates?\b|\brc\d*\b/g, ['rc', 'release candidate']],
  [/\bend of (life|support)\b/g, ['end of']],
  [/\brelease (team|notes|signal|lead|date|day)\b/g, ['release ']],
  [
    /\b(ci signal|bug triage|branch manager|emeritus advis[eo]r|communications|comms|docs lead|test infra|patch release team)\b/g,
    ['ci signal', 'bug triage', 'branch manager', 'emeritus', 'comm', 'docs lead', 'test infra', 'patch release team'],
  ],
  [
    /\b(what breaks|how long|how many|go ga|come out|comes out|came out|cycle start|kick ?off)\b/g,
    ['what breaks', 'how long', 'how many', 'go ga', 'come out', 'comes out', 'came out', 'cycle start', 'kick'],
  ],
  [/\bstill maintained\b/g, ['still maintained']],
];

/** Any word a cue phrase cannot match without, in one test: most questions hold none. */
const MIGHT_HOLD_CUE_PHRASE = new RegExp(CUE_PHRASES.flatMap(([, needs]) => needs).join('|'));

const STRAY_PUNCTUATION = /[-/#>]/;
const STRAY_PUNCTUATION_AT_ENDS = /^[-/#>]+|[-/#>]+$/g;
const ALL_DIGITS = /^\d+$/;

/** The question's words once its kinds' phrases are taken out, trimmed of stray punctuation. */
function wordsOutsideCuePhrases(s: string): string[] {
  let rest = s;
  if (MIGHT_HOLD_CUE_PHRASE.test(s))
    for (const [pattern, needs] of CUE_PHRASES) {
      for (const word of needs) {
        if (!rest.includes(word)) continue;
        rest = rest.replace(pattern, ' ');
        break;
      }
    }
  const words: string[] = [];
  for (const written of rest.split(' ')) {
    const word = STRAY_PUNCTUATION.test(written) ? written.replace(STRAY_PUNCTUATION_AT_ENDS, '') : written;
    if (word.length > 0 && !STOPWORDS.has(word) && !PLACEHOLDERS.has(word) && !ALL_DIGITS.test(word)) words.push(word);
  }
  return words;
}

const subjectOf = (words: readonly string[], cueWords: ReadonlySet<string>): string[] =>
  words.filter((word) => !cueWords.has(word));

const NOT_TOKEN = /[^\p{L}\p{N}/-]+/u;
/** The same for ASCII text, without the Unicode tables (the usual case). */
const NOT_TOKEN_ASCII = /[^A-Za-z0-9/-]+/;

/** The subject words as the user cased them, so "NFTablesProxyMode" reads back as written. */
function restoreCase(words: string[], cleanText: string): string {
  if (words.length === 0) return '';
  const original = new Map<string, string>();
  for (const token of cleanText.split(isAscii(cleanText) ? NOT_TOKEN_ASCII : NOT_TOKEN)) {
    const lower = token.toLowerCase();
    if (!original.has(lower)) original.set(lower, token);
  }
  return words.map((word) => original.get(word) ?? word).join(' ');
}

/**
 * The KEP a question names without its number. A gate is exact; a well-known name or a title is
 * trusted only when no distinctive word is left unexplained ("cordinated leader election" is left
 * to the search, which reads the typo and says what it read).
 */
function namedFeature(entities: Extraction, topic: string[]): number | null {
  const gate = entities.features.find((feature) => feature.via === 'gate');
  if (gate) return gate.kep;
  if (topic.length === 0) return entities.features[0]?.kep ?? null;
  // A reviewed name amid a long sentence's context ("evaluating DRA for GPU sharing on our clusters") is still the
  // feature; a distinctive word right beside it may be part of another name, and is left to the search.
  const alias = entities.features.find((feature) => feature.via === 'alias');
  return alias && !besideTopic(entities.text, alias.text, topic) ? alias.kep : null;
}

/** Whether a topic word stands right before or after `mention` in the text. */
function besideTopic(text: string, mention: string, topic: readonly string[]): boolean {
  const at = text.indexOf(mention.toLowerCase());
  if (at < 0) return true;
  const before = text.slice(0, at).trimEnd().split(' ').at(-1) ?? '';
  const after =
    text
      .slice(at + mention.length)
      .trimStart()
      .split(' ')[0] ?? '';
  return topic.includes(before) || topic.includes(after);
}

/**
 * A clause that asks yes or no: "is …", "did …" at the start or after a preamble ("quick one: does GKE still
 * support 1.32?", "we run 1.32 — is it on by default there?"), "anyone know if …", or "yet"/"already".
 */
const YES_NO_CLAUSE = new RegExp(
  String.raw`(?:^|[:;,?—–]\s*|\s-\s)(?:so\s+|but\s+|and\s+)?(?:is|isn't|are|aren't|was|wasn't` +
    String.raw`|were|did|didn't|does|doesn't|do|has|hasn't|have|will|can|could|should)\b`,
);
const YES_NO_WORDS =
  /\b(?:yet|already|(?:know|wonder(?:ing)?|asks?|check(?:ing)?|tell me) (?:if|whether))\b|\b(?:right|correct|isn't it|is it not)\s*\?*\s*$/;
export const asksYesNo = (text: string): boolean => YES_NO_CLAUSE.test(text) || YES_NO_WORDS.test(text);

const NONE: ReadonlySet<string> = new Set();

/** Reads a cleaned, non-empty question once: the entity pass, then the words left over. */
export function readQuestion(
  raw: string,
  cleanText: string,
  index: EngineIndex,
  now: Date,
  notes: ParseNotes,
  cueWords: ReadonlySet<string>,
): Question {
  const entities = extractEntities(cleanText, index, notes, cueWords, now);
  const lowered = cleanText.toLowerCase();
  const readText = entities.text;
  const words = wordsOutsideCuePhrases(readText);
  const subject = subjectOf(words, cueWords);
  let subjectText: string | null = null;
  const { ordinary, people } = index.vocabulary;
  const named: ReadonlySet<string> = entities.features.length
    ? new Set(entities.features.flatMap((feature) => feature.terms))
    : NONE;
  const apis: ReadonlySet<string> = entities.apis.length
    ? new Set(entities.apis.map((api) => api.toLowerCase()))
    : NONE;
  const topic = subject.filter((word) => {
    if (
      word.length < 3 ||
      ordinary.has(word) ||
      people.has(word) ||
      word.split('-').every((part) => ordinary.has(part) || named.has(part))
    )
      return false;
    if (word.includes('/') || (apis.size > 0 && (apis.has(word) || apis.has(word.replace(/e?s$/, ''))))) return false;
    const term = titleTerm(word);
    return !(term && named.has(term)) && !named.has(word);
  });
  return {
    raw,
    original: cleanText,
    lowered,
    text: readText,
    entities,
    version: entities.versions[0] ?? null,
    subject,
    subjectText: () => {
      if (subjectText === null) {
        // A feature's name may hold words that elsewhere signal a kind ("leader election", "pod
        // priority"); once no other kind claimed the question, only question words are dropped.
        const featureWords = subjectOf(words, FEATURE_QUESTION_WORDS);
        subjectText = restoreCase(featureWords.length > 0 ? featureWords : subject, cleanText);
      }
      return subjectText;
    },
    topic,
    feature: entities.keps[0] ?? namedFeature(entities, topic),
    has: (pattern) => pattern.test(readText),
    // Read on the words as written: the punctuation marks where a preamble ends ("quick one: does …").
    yesNo: asksYesNo(lowered),
    index,
    now,
  };
}
