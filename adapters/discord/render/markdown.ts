import { escapeMarkdown } from 'discord.js';
import { clip } from './clip.ts';
import { neutraliseMentions } from './mentions.ts';

const BLOCK_SYNTAX = { heading: true, bulletedList: true, numberedList: false } as const;

/** "1. item" at a line start is a list; "1.31 schedule" is not (discord.js would escape both). */
function escapeNumberedList(text: string): string {
  return text.replace(/^(\s*\d+)\.(?=\s)/gm, '$1\\.');
}

/**
 * Plain text from the engine, made safe for a Discord markdown field and at most `max` long: markdown
 * characters escaped (a KEP title with `__` or a leading `#` renders literally) and mentions neutralised.
 * The text is cut before escaping too, because discord.js's escapers slow down sharply on huge strings.
 */
export function plainToMarkdown(text: string, max: number): string {
  const escaped = escapeMarkdown(clip(text, max), { ...BLOCK_SYNTAX, maskedLink: true });
  return clip(neutraliseMentions(escapeNumberedList(escaped)), max);
}

/** Text inside a masked link's brackets: brackets escaped too, so `[a]` cannot close the link early. */
export function linkLabel(text: string, max: number): string {
  const escaped = escapeMarkdown(clip(text, max), BLOCK_SYNTAX).replace(/[[\]]/g, '\\$&');
  return clip(neutraliseMentions(escapeNumberedList(escaped)), max);
}

/** A URL safe inside `(…)` of a masked link: parentheses, whitespace, angle brackets and `@` percent-encoded. */
export function linkTarget(url: string): string {
  return url.replace(
    /[()\s@<>]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

/** `[label](url)`, both parts escaped, the label at most `max` long. */
export function maskedLink(label: string, url: string, max: number): string {
  return `[${linkLabel(label, max)}](${linkTarget(url)})`;
}
