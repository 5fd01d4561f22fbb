import { escapeMrkdwn } from './escape.ts';
import { stripMentions } from './strip-mentions.ts';

const ELLIPSIS = '…';
/** Longer URLs would blow a line's budget; their label is shown without the link. */
const LINK_URL_MAX = 300;

/**
 * Plain answer text → safe mrkdwn of at most `max` characters (measured after escaping, so an
 * entity like &amp; is never cut in half).
 */
export function mrkdwnText(text: string, max: number): string {
  const clean = stripMentions(text);
  const escaped = escapeMrkdwn(clean);
  if (escaped.length <= max) return escaped;
  let out = '';
  for (const char of clean) {
    const piece = escapeMrkdwn(char);
    if (out.length + piece.length + ELLIPSIS.length > max) break;
    out += piece;
  }
  return out + ELLIPSIS;
}

/** Plain answer text → safe plain_text of at most `max` characters. */
export function plainText(text: string, max: number): string {
  const clean = stripMentions(text).replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  return `${clean.slice(0, max - ELLIPSIS.length).replace(/[\uD800-\uDBFF]$/, '')}${ELLIPSIS}`;
}

/** An http(s) URL made safe inside <url|label>, or null when it is not a web link. */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
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
