/**
 * A word table's entry for a word the user typed: only the table's own keys, never what every object inherits
 * ("constructor", "toString", "__proto__"), which a plain `table[word]` returns.
 */
export function entryOf<V>(table: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
