/**
 * Every run of whitespace, and nothing else: a lone space is left as it is, so text that is already single-spaced
 * (most of it) goes through without a match or a copy.
 */
const WHITESPACE_RUN = /[^\S ]\s*| \s+/g;

/** The text with each run of whitespace made one space, trimmed. */
export const singleSpaced = (text: string): string => text.replace(WHITESPACE_RUN, ' ').trim();

const ASCII = /^[\x00-\x7f]*$/;

/** Whether the text is ASCII only (most questions): a pass may then use a pattern without the Unicode tables. */
export const isAscii = (text: string): boolean => ASCII.test(text);
