/** Memoises a pure computation by a string key (Intl and luxon are costly); cleared wholesale when full. */
export function memo<T>(limit: number, compute: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    const known = cache.get(key);
    if (known !== undefined || cache.has(key)) return known as T;
    if (cache.size >= limit) cache.clear();
    const value = compute(key);
    cache.set(key, value);
    return value;
  };
}

/**
 * `memo` for a computation of two strings (a pair of days): keyed by each in turn rather than by one joined key,
 * which would be a fresh string to hash on every call; cleared wholesale when it holds `limit` results.
 */
export function memoPair<T>(
  limit: number,
  compute: (first: string, second: string) => T,
): (first: string, second: string) => T {
  let cache = new Map<string, Map<string, T>>();
  let size = 0;
  return (first, second) => {
    let bySecond = cache.get(first);
    const known = bySecond?.get(second);
    if (known !== undefined || bySecond?.has(second)) return known as T;
    if (size >= limit) {
      cache = new Map();
      size = 0;
      bySecond = undefined;
    }
    if (!bySecond) {
      bySecond = new Map();
      cache.set(first, bySecond);
    }
    const value = compute(first, second);
    bySecond.set(second, value);
    size++;
    return value;
  };
}

/**
 * Memoises a pure computation on an object (a dataset's record or list) for as long as the object lives: one value
 * per object, null and undefined remembered like any other.
 */
export function memoForObject<O extends object, V>(compute: (owner: O) => V): (owner: O) => V {
  const cache = new WeakMap<O, V>();
  return (owner) => {
    const known = cache.get(owner);
    if (known !== undefined || cache.has(owner)) return known as V;
    const value = compute(owner);
    cache.set(owner, value);
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
    const known = byKey.get(key);
    if (known !== undefined || byKey.has(key)) return known as V;
    const value = compute(owner, key);
    byKey.set(key, value);
    return value;
  };
}

/**
 * Memoises a pure computation on the last object it was asked about: a reading several callers take of one
 * question, while that question is read. One slot, not a WeakMap: each question is read once, by one caller after
 * another, and a WeakMap entry per question cost more than the readings it saved.
 */
export function memoOnObject<O extends object, V>(compute: (owner: O) => V): (owner: O) => V {
  let lastOwner: O | undefined;
  let lastValue: V;
  return (owner) => {
    if (owner !== lastOwner) {
      lastValue = compute(owner);
      lastOwner = owner;
    }
    return lastValue;
  };
}

/**
 * Memoises a pure computation on an object and a key, keeping one key per object: the last one asked. For what a
 * dataset's records give on a day (`today`): every question of a day asks for the same one, and a day gone is
 * not asked again, so nothing is kept beyond one value per record.
 */
export function memoPerObjectLastKey<O extends object, K, V>(
  compute: (owner: O, key: K) => V,
): (owner: O, key: K) => V {
  const cache = new WeakMap<O, { key: K; value: V }>();
  return (owner, key) => {
    const known = cache.get(owner);
    if (known !== undefined && known.key === key) return known.value;
    const value = compute(owner, key);
    cache.set(owner, { key, value });
    return value;
  };
}
