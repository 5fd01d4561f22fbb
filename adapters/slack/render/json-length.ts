/** Characters JSON escapes: \" \\ \b \t \n \f \r take two characters, other controls six (\u00xx). */
const ESCAPED = /["\\\u0000-\u001f]/g;
const HAS_ESCAPED = /["\\\u0000-\u001f]/;
/** A surrogate outside a pair, written as \udxxx (a pair is written as is). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const SURROGATE = /[\ud800-\udfff]/;

function escapedExtra(text: string): number {
  if (!HAS_ESCAPED.test(text)) return 0;
  ESCAPED.lastIndex = 0;
  let extra = 0;
  for (let match = ESCAPED.exec(text); match !== null; match = ESCAPED.exec(text)) {
    const code = match[0].charCodeAt(0);
    extra +=
      code === 0x22 ||
      code === 0x5c ||
      code === 0x08 ||
      code === 0x09 ||
      code === 0x0a ||
      code === 0x0c ||
      code === 0x0d
        ? 1
        : 5;
  }
  return extra;
}

function matches(pattern: RegExp, text: string): number {
  pattern.lastIndex = 0;
  let count = 0;
  while (pattern.exec(text) !== null) count += 1;
  return count;
}

/** Characters `JSON.stringify(text)` would produce (quotes included), counted without building the string. */
export function jsonStringLength(text: string): number {
  let length = text.length + 2 + escapedExtra(text);
  if (SURROGATE.test(text)) length += 5 * matches(LONE_SURROGATE, text);
  return length;
}

/** `JSON.stringify(text)`, without a call into the serializer when nothing in the text needs escaping. */
export function jsonString(text: string): string {
  return HAS_ESCAPED.test(text) || SURROGATE.test(text) ? JSON.stringify(text) : `"${text}"`;
}
