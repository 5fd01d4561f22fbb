import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toString } from 'mdast-util-to-string';

/** Small, deliberate markdown → plain text for KEP summaries (not a general markdown renderer). */

const SUMMARY_HEADING = /^#{1,4}\s*(summary|abstract|overview|tl;?dr)\s*:?\s*$/i;

/** The body of the first "Summary"-like section, or the first prose paragraph after the TOC. */
export function extractSummarySection(markdown: string): string {
  const lines = stripComments(markdown).split('\n');
  const start = lines.findIndex((line) => SUMMARY_HEADING.test(line.trim()));
  if (start >= 0) {
    const level = /^#+/.exec(lines[start]!.trim())![0].length;
    const body: string[] = [];
    for (const line of lines.slice(start + 1)) {
      const heading = /^(#{1,6})\s/.exec(line);
      if (heading && heading[1]!.length <= level) break;
      body.push(line);
    }
    const text = body.join('\n').trim();
    if (text) return text;
  }
  return firstProseParagraph(lines);
}

function firstProseParagraph(lines: string[]): string {
  const paragraphs = lines.join('\n').split(/\n\s*\n/);
  for (const paragraph of paragraphs) {
    const trimmed = paragraph.trim();
    if (!trimmed || /^#/.test(trimmed) || /^[-*|\[]/.test(trimmed) || /^<!--/.test(trimmed)) continue;
    if (trimmed.length < 40) continue;
    return trimmed;
  }
  return '';
}

function stripComments(markdown: string): string {
  return markdown.replace(/<!--[\s\S]*?-->/g, '').replace(/\r\n?/g, '\n');
}

export function stripMarkdown(markdown: string): string {
  return stripComments(markdown)
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/^\s*\[[^\]]+\]:\s*\S+.*$/gm, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
    .replace(/<[^>]+>/g, ' ')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[\s(])[*_]([^*_\n]+)[*_](?=[\s).,;:!?]|$)/g, '$1$2')
    .replace(/^\s{0,3}#{1,6}\s*/gm, '')
    .replace(/^\s*>\s?/gm, '')
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+/gm, '')
    .replace(/^\s*\|?\s*:?-{3,}.*$/gm, ' ')
    .replace(/\|/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Cuts at a sentence (or word) boundary near `max` characters and marks the cut with "…". */
export function truncateText(text: string, max = 600): string {
  if (text.length <= max) return text;
  const window = text.slice(0, max);
  const sentenceEnd = Math.max(window.lastIndexOf('. '), window.lastIndexOf('? '), window.lastIndexOf('! '));
  if (sentenceEnd > max * 0.5) return window.slice(0, sentenceEnd + 1);
  const wordEnd = window.lastIndexOf(' ');
  return `${window.slice(0, wordEnd > 0 ? wordEnd : max).replace(/[\s,;:.-]+$/, '')}…`;
}

export function summaryFromReadme(markdown: string, max = 600): string {
  return truncateText(stripMarkdown(extractSummarySection(markdown)), max);
}

/** The mdast syntax tree of a Markdown document (CommonMark), for importers that walk its structure. */
export function parseMarkdown(markdown: string): Root {
  return fromMarkdown(markdown.replace(/\r\n?/g, '\n'));
}

/** The plain text of an mdast node (link text kept, markup dropped), whitespace collapsed. */
export function nodeText(node: Parameters<typeof toString>[0]): string {
  return toString(node, { includeHtml: false }).replace(/\s+/g, ' ').trim();
}
