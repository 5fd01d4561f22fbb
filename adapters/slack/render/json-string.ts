/** What JSON.stringify escapes besides a line break: " \ other controls, and surrogates (a lone one is escaped). */
const ESCAPED_BESIDES_NEWLINE = /["\\\u0000-\u0009\u000b-\u001f\ud800-\udfff]/;

/**
 * `JSON.stringify(text)`. Most texts have nothing to escape but line breaks (packed section lines, fact fields):
 * those are written without the serializer, which takes several times longer over a long text.
 */
export function jsonString(text: string): string {
  if (ESCAPED_BESIDES_NEWLINE.test(text)) return JSON.stringify(text);
  return text.includes('\n') ? `"${text.replaceAll('\n', '\\n')}"` : `"${text}"`;
}
