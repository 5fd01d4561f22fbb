/** Plain-text helpers shared by the team parser's table, role and people modules. */

const HTML_ENTITIES: Record<string, string> = {
  amp: '&',
  nbsp: ' ',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  '#39': "'",
};

/**
 * Removes what never carries meaning in a team cell: HTML tags (a `<br>` becomes a comma,
 * since upstream uses it to list people), entities, emoji and odd spaces.
 */
export function normaliseCell(raw: string): string {
  return (
    raw
      .replace(/<br\s*\/?>/gi, ', ')
      .replace(/<\/?[a-z][^>]*>/gi, ' ')
      .replace(/&(amp|nbsp|lt|gt|quot|apos|#39);/g, (_, name: string) => HTML_ENTITIES[name] ?? ' ')
      // biome-ignore lint/suspicious/noMisleadingCharacterClass: emoji, selectors and joiners are each dropped alone
      .replace(/[\p{Extended_Pictographic}\u{FE0F}\u{200D}]/gu, '')
      .replace(/[\u{00A0}\u{2000}-\u{200B}\u{202F}\u{FEFF}]/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** A cell reduced to readable text: links become their text, emphasis and code markers go. */
export function plainText(raw: string): string {
  return normaliseCell(raw)
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\*\*|__|[*`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Cells that explicitly name no one: "N/A", "TBD", "--", "None". */
export function isPlaceholder(text: string): boolean {
  return /^(n\/?a|tbd|tba|none|-+|—|–)$/i.test(text.trim());
}
