const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const HAS_CONTROL = /[&<>]/;
const CONTROL = /[&<>]/g;

/** Escapes the three characters Slack's mrkdwn treats as control characters, in one pass over the text. */
export function escapeMrkdwn(text: string): string {
  if (!HAS_CONTROL.test(text)) return text;
  return text.replace(CONTROL, (char) => ENTITIES[char]!);
}

/** How long the UTF-16 code unit `code` is once escaped by escapeMrkdwn. */
export function escapedLength(code: number): number {
  if (code === 0x26) return 5; // &amp;
  if (code === 0x3c || code === 0x3e) return 4; // &lt; &gt;
  return 1;
}
