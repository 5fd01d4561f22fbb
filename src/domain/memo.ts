/** Memoises a pure computation by a string key (Intl and luxon are costly); cleared wholesale when full. */
export function memo<T>(limit: number, compute: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    if (cache.has(key)) return cache.get(key)!;
    if (cache.size >= limit) cache.clear();
    const value = compute(key);
    cache.set(key, value);
    return value;
  };
}

/**
 * Memoises a pure computation on an object (a dataset's index, a KEP) and a key, for as long as the object
 * lives: what is worked out once per dataset, not once per question.
 */
export function memoPerObject<O extends object, K, V>(compute: (owner: O, key: K) => V): (owner: O, key: K) => V {
  const cache = new WeakMap<O, Map<K, V>>();
  return (owner, key) => {
    let byKey = cache.get(owner);
    if (!byKey) {
      byKey = new Map();
      cache.set(owner, byKey);
    }
    if (byKey.has(key)) return byKey.get(key)!;
    const value = compute(owner, key);
    byKey.set(key, value);
    return value;
  };
}

/** Memoises a pure computation on an object for as long as it lives: a reading several callers take of one question. */
export function memoOnObject<O extends object, V>(compute: (owner: O) => V): (owner: O) => V {
  const cache = new WeakMap<O, V>();
  return (owner) => {
    const known = cache.get(owner);
    if (known !== undefined || cache.has(owner)) return known as V;
    const value = compute(owner);
    cache.set(owner, value);
    return value;
  };
}
