import type { PolicySource } from '../../domain/policy.ts';

/** Plain text of a Markdown quote: no list marker, code ticks, emphasis or link targets. */
export function plainQuote(quote: string): string {
  return quote
    .replace(/\s+/g, ' ')
    .replace(/^[*-] /, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/`|\*\*/g, '')
    .trim();
}

const WEBSITE_PAGES = 'kubernetes-website/content/en/';
const ENHANCEMENTS = 'kubernetes-enhancements/';

/** Where a reader can open a source file: the published page, or the KEP on GitHub. */
export function sourceUrl(file: string): string {
  if (file.startsWith(WEBSITE_PAGES)) {
    return `https://kubernetes.io/${file.slice(WEBSITE_PAGES.length).replace(/\.md$/, '')}/`;
  }
  if (file.startsWith(ENHANCEMENTS)) {
    const folder = file.slice(ENHANCEMENTS.length).replace(/\/README\.md$/, '');
    return `https://github.com/kubernetes/enhancements/tree/master/${folder}`;
  }
  return `https://github.com/search?q=${encodeURIComponent(file)}`;
}

/** "KEP-3935" or "the version skew policy page": how an answer names where a quote comes from. */
export function sourceName(file: string): string {
  const kep = /\/keps\/[^/]+\/(\d+)-/.exec(file);
  if (kep) return `KEP-${kep[1]}`;
  const page = /\/releases\/([a-z-]+)\.md$/.exec(file)?.[1];
  return page ? `kubernetes.io/releases/${page}` : file;
}

/** “quote” — source, one line per quote. */
export function quoteLines(sources: PolicySource[]): string[] {
  return sources.map((source) => `“${plainQuote(source.quote)}” (${sourceName(source.file)})`);
}
