/**
 * An application/x-www-form-urlencoded body exactly as `Object.fromEntries(new URLSearchParams(text))` reads
 * it (a repeated name: the last value wins), without building and iterating a URLSearchParams for every
 * slash command. What this reading cannot match exactly is left to URLSearchParams: a leading '?', a
 * `__proto__` name, and percent-encoding decodeURIComponent refuses (URLSearchParams keeps such bytes).
 */
export function parseFormBody(text: string): Record<string, string> {
  if (text.startsWith('?')) return readWithUrlSearchParams(text);
  const form: Record<string, string> = {};
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const name = decodeFormPart(equals === -1 ? pair : pair.slice(0, equals));
    const value = equals === -1 ? '' : decodeFormPart(pair.slice(equals + 1));
    if (name === null || value === null || name === '__proto__') return readWithUrlSearchParams(text);
    form[name] = value;
  }
  return form;
}

export const readWithUrlSearchParams = (text: string): Record<string, string> =>
  Object.fromEntries(new URLSearchParams(text));

/** '+' is a space; null when decodeURIComponent refuses the percent-encoding. */
function decodeFormPart(part: string): string | null {
  const spaced = part.includes('+') ? part.replaceAll('+', ' ') : part;
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return null;
  }
}
