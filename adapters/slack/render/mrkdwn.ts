import { escapedLength, escapeMrkdwn } from './escape.ts';
import { stripMentions } from './strip-mentions.ts';
import { MENTION_STARTS } from '../../../src/domain/mentions.ts';
import { singleSpaced } from '../../../src/domain/plain-text.ts';

const ELLIPSIS = '…';
/** Longer URLs would blow a line's budget; their label is shown without the link. */
const LINK_URL_MAX = 300;
/** Answers link the same dataset URLs again and again: each is parsed once, not once per message. */
const SAFE_URL_CACHE_MAX = 20_000;
const safeUrls = new Map<string, string | null>();
/** What stripMentions or escapeMrkdwn may change: where a mention starts, and & < >, which are escaped. */
const NEEDS_CLEANING = new RegExp(`[&<>${MENTION_STARTS}]`);

/**
 * Plain answer text → safe mrkdwn of at most `max` characters (measured after escaping, so an
 * entity like &amp; is never cut in half).
 */
export function mrkdwnText(text: string, max: number): string {
  // Most answer text has nothing to strip or escape: one scan instead of stripMentions' and escapeMrkdwn's.
  if (text.length <= max && !NEEDS_CLEANING.test(text)) return text;
  const clean = stripMentions(text);
  const escaped = escapeMrkdwn(clean);
  if (escaped.length <= max) return escaped;
  // The longest prefix of whole characters (a surrogate pair is never split) whose escaped form fits.
  let length = 0;
  let end = 0;
  while (end < clean.length) {
    const code = clean.charCodeAt(end);
    const pair =
      code >= 0xd800 && code <= 0xdbff && end + 1 < clean.length && isLowSurrogate(clean.charCodeAt(end + 1));
    const piece = pair ? 2 : escapedLength(code);
    if (length + piece + ELLIPSIS.length > max) break;
    length += piece;
    end += pair ? 2 : 1;
  }
  return escapeMrkdwn(clean.slice(0, end)) + ELLIPSIS;
}

const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/** Plain answer text → safe plain_text of at most `max` characters. */
export function plainText(text: string, max: number): string {
  const clean = singleSpaced(stripMentions(text));
  if (clean.length <= max) return clean;
  return `${clean.slice(0, max - ELLIPSIS.length).replace(/[\uD800-\uDBFF]$/, '')}${ELLIPSIS}`;
}

/** An http(s) URL made safe inside <url|label>, or null when it is not a web link. */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  const known = safeUrls.get(url);
  if (known !== undefined) return known;
  const href = parseSafeUrl(url);
  if (safeUrls.size >= SAFE_URL_CACHE_MAX) safeUrls.clear();
  safeUrls.set(url, href);
  return href;
}

function parseSafeUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  return parsed.href.replace(/\|/g, '%7C').replace(/</g, '%3C').replace(/>/g, '%3E');
}

/** A safe URL short enough to link, or null. */
export function linkableUrl(url: string | null | undefined): string | null {
  const href = safeUrl(url);
  return href && href.length <= LINK_URL_MAX ? href : null;
}

/** A mrkdwn link, or just the escaped label when the URL is unusable or too long to link. */
export function mrkdwnLink(url: string | null | undefined, label: string, maxLabel = 200): string {
  const href = linkableUrl(url);
  const text = mrkdwnText(label, maxLabel);
  return href ? `<${href}|${text}>` : text;
}
