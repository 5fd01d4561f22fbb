import { MAX_QUESTION_CHARS, quote } from './sanitize.ts';

/** Notes from parsing the question (typos read as keywords, truncation, dropped mentions). */
export function parseNoteLines(notes: {
  corrections: Array<{ from: string; to: string }>;
  truncated: boolean;
  stripped: boolean;
}): string[] {
  const lines: string[] = [];
  if (notes.corrections.length > 0)
    lines.push(`Read ${notes.corrections.map((c) => `“${quote(c.from, 30)}” as “${c.to}”`).join(', ')}.`);
  if (notes.truncated) lines.push(`Your message was long; I read only its first ${MAX_QUESTION_CHARS} characters.`);
  return lines;
}
