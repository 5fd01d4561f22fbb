/**
 * Characters that never reach a reader: the one definition every cleaner (questions, quoted
 * tokens, rendered answers, the console's echo) uses.
 */

/** C0 controls but tab and newline, then DEL and the C1 controls. */
const CONTROL_BUT_TAB_AND_NEWLINE = '\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f';
/** C0 controls, DEL and C1 controls. */
const CONTROL_RANGES = `${CONTROL_BUT_TAB_AND_NEWLINE}\\t\\n`;
/** Bidirectional embeddings, overrides and isolates: they reorder the text around them ("Trojan source"). */
const BIDI_RANGES = '\\u202a-\\u202e\\u2066-\\u2069';
/** Shown as nothing: soft hyphen, zero-width spaces and joiners, word joiner, BOM, variation selectors. */
const INVISIBLE_RANGES = `\\u00ad\\u180e\\u200b-\\u200f${BIDI_RANGES}\\u2060-\\u2065\\ufeff\\ufe00-\\ufe0f`;

export const CONTROL_CHARACTERS = new RegExp(`[${CONTROL_RANGES}]`, 'gu');
export const INVISIBLE_CHARACTERS = new RegExp(`[${INVISIBLE_RANGES}]`, 'gu');
/** What multi-line text may not hold, as the body of a character class: controls other than tab and newline, bidi controls. */
export const UNSAFE_IN_LINES_CLASS = `${CONTROL_BUT_TAB_AND_NEWLINE}${BIDI_RANGES}`;
const UNSAFE_IN_LINES = new RegExp(`[${UNSAFE_IN_LINES_CLASS}]`, 'gu');
// Without the u flag: every character in the class is one UTF-16 unit, and the scan is faster.
const HAS_UNSAFE_IN_LINES = new RegExp(UNSAFE_IN_LINES.source);

/** The text without control characters; with `keepLines`, tabs and newlines stay, and bidi controls go too. */
export function withoutControlCharacters(text: string, keepLines = false): string {
  if (!keepLines) return text.replace(CONTROL_CHARACTERS, '');
  // Tested first: rendered answers are long and almost never hold one.
  return HAS_UNSAFE_IN_LINES.test(text) ? text.replace(UNSAFE_IN_LINES, '') : text;
}

/** The text without control or invisible characters (a single-line token or question). */
export function withoutHiddenCharacters(text: string): string {
  return text.replace(CONTROL_CHARACTERS, '').replace(INVISIBLE_CHARACTERS, '');
}
