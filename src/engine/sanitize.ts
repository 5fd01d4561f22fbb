import { defuseMentions, MASS_MENTION, PLATFORM_TOKEN } from '../domain/mentions.ts';
import { CONTROL_CHARACTERS, INVISIBLE_CHARACTERS } from '../domain/unsafe-text.ts';
import { singleSpaced } from '../domain/plain-text.ts';

/** The parser reads at most this many characters of a question; nobody asks a longer one. */
export const MAX_QUESTION_CHARS = 300;
/** Work done on the raw text is bounded by this, whatever arrives. */
export const MAX_RAW_CHARS = 4_000;

export interface CleanQuestion {
  /** Plain text, single-spaced, without mentions, markup, control characters or emoji. */
  text: string;
  truncated: boolean;
  /** Mentions or control characters were removed. */
  stripped: boolean;
}

const SLACK_LINK_WITH_LABEL = /<(https?:\/\/[^|<>\s]{1,500})\|([^<>]{0,200})>/giu;
const SLACK_LINK = /<(https?:\/\/[^<>\s]{1,500})>/giu;
const MARKDOWN_LINK = /\[([^\]]{0,200})\]\((https?:\/\/[^)\s]{1,500})\)/giu;
const LINE_BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]/gu;
// biome-ignore lint/suspicious/noMisleadingCharacterClass: each code point is stripped on its own, joiners and selectors included
const EMOJI = /[\p{Extended_Pictographic}\p{Regional_Indicator}\u{1f3fb}-\u{1f3ff}\u{e0020}-\u{e007f}\u20e3]/gu;
/** Emphasis, code, strike-through and quote markers; "#" only as a heading marker so "#24" survives. */
const MARKUP = /[*_~`|\\]|^\s*>+|^\s*#{1,6}\s+/gmu;
/** Every MARKUP match holds one of these (most questions hold none). */
const MIGHT_HOLD_MARKUP = /[*_~`|\\>#]/;
/** Printable ASCII only (most questions): NFKC, line breaks, control and invisible characters and emoji cannot occur. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * Turns whatever a chat platform delivered into a plain question the parser can read, and that is
 * safe to quote back: no live mention, no markup, no control characters, bounded length.
 */
export function cleanQuestion(raw: unknown): CleanQuestion {
  let text = typeof raw === 'string' ? raw : '';
  let truncated = text.length > MAX_RAW_CHARS;
  text = text.slice(0, MAX_RAW_CHARS);
  const ascii = PRINTABLE_ASCII.test(text);
  if (!ascii) text = text.normalize('NFKC');
  const before = text;
  // Each pass runs only when the text holds the character it needs (the result is the same).
  const angle = text.includes('<');
  if (angle || !ascii || text.includes('@')) text = text.replace(MASS_MENTION, ' ');
  if (angle) text = text.replace(PLATFORM_TOKEN, ' ');
  if (!ascii) text = text.replace(LINE_BREAKS, ' ').replace(CONTROL_CHARACTERS, '').replace(INVISIBLE_CHARACTERS, '');
  const stripped = text !== before;
  if (text.includes('<')) text = text.replace(SLACK_LINK_WITH_LABEL, ' $2 $1 ').replace(SLACK_LINK, ' $1 ');
  if (text.includes('](')) text = text.replace(MARKDOWN_LINK, ' $1 $2 ');
  if (!ascii) text = text.replace(EMOJI, ' ');
  if (MIGHT_HOLD_MARKUP.test(text)) text = text.replace(MARKUP, ' ');
  if (text.includes('&'))
    text = text.replace(
      /&(amp|lt|gt);/g,
      (_, entity: string) => ({ amp: '&', lt: '<', gt: '>' })[entity as 'amp' | 'lt' | 'gt'],
    );
  if (text.includes('>')) text = text.replace(/-+>|=>/g, ' → ');
  if (text.includes('<') || text.includes('>')) text = text.replace(/[<>]/g, ' ');
  text = singleSpaced(text);
  // A stray "@" left by a mention split across markup must not rebuild "@everyone".
  if (text.includes('@') || text.includes('＠')) text = singleSpaced(text.replace(MASS_MENTION, ' '));
  if (text.length > MAX_QUESTION_CHARS) {
    truncated = true;
    const cut = text.slice(0, MAX_QUESTION_CHARS);
    const lastSpace = cut.lastIndexOf(' ');
    text = (lastSpace > MAX_QUESTION_CHARS / 2 ? cut.slice(0, lastSpace) : cut).trim();
  }
  return { text, truncated, stripped };
}

/** A short quote of user text for a reply: already clean, cut to `max` characters. */
export function quote(text: string, max = 60): string {
  const clean = defuseMentions(text);
  return clean.length > max ? `${clean.slice(0, max - 1).trimEnd()}…` : clean;
}
