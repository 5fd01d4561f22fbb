/**
 * Whether two queries ask the same thing: equal as the JSON they are (keys in any order, an undefined key the same
 * as a missing one), their notes aside. Cheaper than comparing the two serialized, which is what it replaces.
 */
export function sameQuery(a: object, b: object): boolean {
  return sameData(a, b, 'notes');
}

function sameData(a: unknown, b: unknown, ignored?: string): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, at) => sameData(item, b[at]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = definedKeys(left, ignored);
  return keys.length === definedKeys(right, ignored).length && keys.every((key) => sameData(left[key], right[key]));
}

const definedKeys = (value: Record<string, unknown>, ignored: string | undefined): string[] =>
  Object.keys(value).filter((key) => key !== ignored && value[key] !== undefined);
