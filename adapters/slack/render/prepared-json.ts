const PREPARED_JSON = Symbol('prepared JSON');

type MayCarryJson = { readonly [PREPARED_JSON]?: string };

/**
 * `value`, carrying `json` (exactly `JSON.stringify(value)`) for the receiver to send as it is: a reply written
 * out while it was rendered is not serialised a second time. The value must not change afterwards. The JSON is
 * not enumerable, so a spread copy (a different value) does not take it along.
 */
export function withPreparedJson<T extends object>(value: T, json: string): T {
  Object.defineProperty(value, PREPARED_JSON, { value: json });
  return value;
}

/** `JSON.stringify(value)`: the JSON prepared with it, if any. */
export function toJson(value: unknown): string {
  return (value as MayCarryJson | null | undefined)?.[PREPARED_JSON] ?? JSON.stringify(value);
}
