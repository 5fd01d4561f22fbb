/** What JSON.stringify writes differently from the text itself: " \ and controls, and surrogates (a lone one is escaped). */
const MAY_NEED_ESCAPING = /["\\\u0000-\u001f\ud800-\udfff]/;

/** `JSON.stringify(text)`, without a call into the serializer when nothing in the text needs escaping. */
export function jsonString(text: string): string {
  return MAY_NEED_ESCAPING.test(text) ? JSON.stringify(text) : `"${text}"`;
}
