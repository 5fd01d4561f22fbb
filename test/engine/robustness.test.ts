// Whatever arrives, the engine answers: a valid Answer, a non-empty summary, no live mass mention.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/load.ts';
import { Answer } from '../../src/domain/answer.ts';
import { buildIndex } from '../../src/engine/engine-index.ts';
import { execute } from '../../src/engine/execute.ts';
import { createEngine, type Engine } from '../../src/engine/index.ts';
import { parse } from '../../src/engine/parse.ts';
import { renderText } from '../../src/render/text.ts';

function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 4_294_967_296;
  };
}

const WORDS = [
  'what',
  'went',
  'GA',
  'in',
  '1.31',
  'v1.24',
  '1,30',
  '1.99',
  '2.0',
  'latest',
  'next',
  'previous',
  'current',
  'schedule',
  'freeze',
  'code',
  'who',
  'led',
  'lead',
  'team',
  'comms',
  'supported',
  'eol',
  'patch',
  'removed',
  'deprecated',
  'upgrade',
  'from',
  'to',
  'compare',
  'vs',
  'sig-node',
  'SIG',
  'storage',
  'KEP-3836',
  '#24',
  'apparmor',
  'nftables',
  'sidecar',
  'beta',
  'alpha',
  'stable',
  'when',
  'will',
  'is',
  '<!channel>',
  '@everyone',
  '<@U1>',
  '**',
  '`',
  '>',
  '🚀',
  '\u0000',
  '\u202e',
  '\n',
  'policy/v1beta1',
  'help',
  '?',
  '->',
  'between',
  'and',
];
const ALPHABET =
  'abcdefghijklmnopqrstuvwxyz0123456789 .,#/-_*`~<>@!?:;\'"()[]{}|\\\u00e9\u00fc\u4e2d\u0416\u{1f600}\u200b\u0007';

describe('engine robustness', () => {
  let engine: Engine;
  beforeAll(() => {
    engine = createEngine(loadDataset());
  });

  const random = prng(20240813);
  const inputs: string[] = [];
  for (let i = 0; i < 300; i++) {
    const count = 1 + Math.floor(random() * 8);
    inputs.push(Array.from({ length: count }, () => WORDS[Math.floor(random() * WORDS.length)]!).join(' '));
  }
  const letters = [...ALPHABET];
  for (let i = 0; i < 200; i++) {
    const length = Math.floor(random() * 120);
    inputs.push(Array.from({ length }, () => letters[Math.floor(random() * letters.length)]!).join(''));
  }
  inputs.push(
    '',
    ' ',
    '\u0000'.repeat(100),
    '#'.repeat(5000),
    '1.'.repeat(5000),
    'kep-'.repeat(3000),
    '<'.repeat(10_000),
    'sig '.repeat(2500),
  );

  it(`answers ${inputs.length} generated inputs without throwing`, () => {
    const now = new Date('2025-01-15T00:00:00Z');
    for (const input of inputs) {
      const answer = engine.answer(input, now);
      const parsed = Answer.safeParse(answer);
      expect(parsed.success, JSON.stringify(input)).toBe(true);
      expect(answer.summary.trim().length, JSON.stringify(input)).toBeGreaterThan(0);
      expect(answer.intent, `internal error for ${JSON.stringify(input)}`).not.toBe('unknown');
      const text = renderText(answer);
      expect(text, JSON.stringify(input)).not.toMatch(/<!(channel|here|everyone)|@(everyone|here|channel)\b/);
      expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u202e]/);
    }
  });

  // Names every object inherits: a word table read as `table[word]` returned a function for them ("is constructor
  // api removed" crashed the deprecations answer; "keps about toString" searched for "function … native code").
  const INHERITED = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__', 'isPrototypeOf'];

  it('reads a word every object inherits as a word, in every kind of question', () => {
    const now = new Date('2025-01-15T00:00:00Z');
    const { keps } = loadDataset();
    for (const word of INHERITED) {
      for (const question of [
        `is ${word} api removed`,
        `when was the ${word} kind deprecated`,
        `keps about ${word}`,
        `who was the 1.30 ${word} lead`,
        `how many ${word} minors are supported`,
        `is ${word} on by default in 1.33`,
      ]) {
        const answer = engine.answer(question, now);
        expect(answer.intent, question).not.toBe('unknown');
      }
      // "__proto__" is read as the word "proto", which KEP texts do hold.
      const read = word.replace(/_/g, '').toLowerCase();
      const named = keps.some((kep) => `${kep.title} ${kep.summary}`.toLowerCase().includes(read));
      const search = engine.answer(`keps about ${word}`, now);
      expect(search.title.startsWith('No match'), `keps about ${word}`).toBe(!named);
    }
  });

  it('answers at any time, before the first release and long after the data', () => {
    for (const now of [
      new Date('2010-01-01T00:00:00Z'),
      new Date('2015-07-10T00:00:00Z'),
      new Date('2040-01-01T00:00:00Z'),
    ]) {
      for (const question of [
        'what went GA',
        "what's in the latest release",
        'which versions are supported',
        'when is the next release',
        'current release team',
        'how long until code freeze',
        'what was removed',
        'is 1.31 supported',
      ]) {
        const answer = engine.answer(question, now);
        expect(Answer.safeParse(answer).success).toBe(true);
        expect(answer.intent).not.toBe('unknown');
      }
    }
    expect(engine.answer('what went GA', new Date('2010-01-01T00:00:00Z')).summary).toContain(
      'No Kubernetes release had shipped by 2010-01-01',
    );
  });

  it('notice() wraps a plain message with the data footer', () => {
    const answer = engine.notice('Digests are not enabled on this bot.', new Date());
    expect(answer.summary).toBe('Digests are not enabled on this bot.');
    expect(answer.footer).toContain('Data as of 2026-08-22');
  });
});

describe('engine failures', () => {
  it('turn into an apology and are reported, never thrown', () => {
    const dataset = loadDataset();
    const index = buildIndex(dataset);
    const failing = new Map(index.releaseByVersion);
    failing.get = () => {
      throw new Error('simulated bug');
    };
    const reported: unknown[] = [];
    const answer = execute(
      parse('1.31', index, new Date()),
      { ...index, releaseByVersion: failing },
      new Date(),
      (error) => reported.push(error),
    );
    expect(answer.intent).toBe('unknown');
    expect(answer.summary).toContain('Sorry');
    expect(Answer.safeParse(answer).success).toBe(true);
    expect(reported).toEqual([new Error('simulated bug')]);
  });
});
