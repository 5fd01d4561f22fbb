/**
 * Markdown read with a real parser (mdast-util-from-markdown + GFM tables, the remark family): one syntax
 * tree for every importer that reads upstream Markdown (KEP READMEs here; release notes drafts elsewhere).
 */
import type { Nodes, Root, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { toString as mdastToString } from 'mdast-util-to-string';
import { gfm } from 'micromark-extension-gfm';
import { singleSpaced } from '../domain/plain-text.ts';

/** The document's syntax tree (GitHub-flavoured: tables, strikethrough, autolinks, task lists). */
export function parseMarkdown(markdown: string): Root {
  return fromMarkdown(markdown.replace(/\r\n?/g, '\n'), { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
}

/** The plain text of an mdast node (link text kept, markup dropped), whitespace collapsed. */
export function nodeText(node: Parameters<typeof mdastToString>[0]): string {
  return singleSpaced(mdastToString(node, { includeHtml: false }));
}

/** A node's text: code spans and image alt text kept; HTML (comments, tags), struck-out text and code blocks dropped. */
export function inlineText(node: Nodes): string {
  if (node.type === 'break' || node.type === 'html') return ' ';
  if (node.type === 'code' || node.type === 'definition' || node.type === 'delete') return '';
  if ('children' in node) return node.children.map((child) => inlineText(child as Nodes)).join('');
  return mdastToString(node, { includeHtml: false }).replace(/\s+/g, ' ');
}

const ENDS_SENTENCE = /[.!?:;…]["'”’)]*$/;

/** A block's own text, whitespace collapsed. */
const blockLine = (node: RootContent): string =>
  (node.type === 'tableRow' ? node.children.map(inlineText).join(' ') : inlineText(node as Nodes))
    .replace(/\s+/g, ' ')
    .trim();

/**
 * Plain text of a run of blocks, so that list items never run together: a paragraph or table row is a
 * sentence (a full stop added where the source has none, except before the list it introduces); list items
 * are separated by semicolons where they have no punctuation, the last one ends the sentence. Headings and
 * code blocks are left out.
 */
export function plainText(blocks: readonly RootContent[]): string {
  const parts: string[] = [];
  const end = (text: string, mark: string) => (ENDS_SENTENCE.test(text) ? text : `${text}${mark}`);
  const visit = (nodes: readonly RootContent[], inItem = false): void => {
    nodes.forEach((node, at) => {
      if (node.type === 'paragraph' || node.type === 'tableRow') {
        const text = blockLine(node);
        // An item's closing paragraph is punctuated by its list; one that opens a list runs into it.
        const open = nodes[at + 1]?.type === 'list' || (inItem && at === nodes.length - 1);
        if (text) parts.push(open ? text : end(text, '.'));
      } else if (node.type === 'list') {
        node.children.forEach((item, position) => {
          const before = parts.length;
          visit(item.children, true);
          // ";" between items, "." after the last, where the item has no punctuation of its own.
          if (parts.length > before)
            parts[parts.length - 1] = end(parts.at(-1)!, position < node.children.length - 1 ? ';' : '.');
        });
      } else if (node.type === 'blockquote' || node.type === 'table') {
        visit(node.children as RootContent[]);
      }
    });
  };
  visit(blocks);
  return parts.join(' ');
}

const SUMMARY_HEADING = /^(summary|abstract|overview|tl;?dr)\s*:?$/i;

/**
 * The blocks of the first "Summary"-like section (up to the next heading of its level or above), or else
 * the first top-level prose paragraph of at least 40 characters.
 */
export function summaryBlocks(root: Root): RootContent[] {
  const start = root.children.findIndex(
    (node) => node.type === 'heading' && node.depth <= 4 && SUMMARY_HEADING.test(inlineText(node).trim()),
  );
  if (start >= 0) {
    const depth = (root.children[start] as { depth: number }).depth;
    const end = root.children.findIndex((node, at) => at > start && node.type === 'heading' && node.depth <= depth);
    const body = root.children.slice(start + 1, end < 0 ? undefined : end);
    if (plainText(body)) return body;
  }
  const prose = root.children.find(
    (node) =>
      node.type === 'paragraph' &&
      node.children[0]?.type !== 'link' &&
      node.children[0]?.type !== 'linkReference' &&
      inlineText(node).trim().length >= 40,
  );
  return prose ? [prose] : [];
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

const SUMMARY_LINE = /^ {0,3}(#{1,4})[ \t]+(summary|abstract|overview|tl;?dr)[ \t]*:?[ \t#]*$/im;
/** Enough of a README for its first prose paragraph when it has no Summary heading. */
const PREFIX_CHARS = 8_000;

/**
 * The part of a README its summary can come from, so the parser reads a few kilobytes rather than whole
 * design documents (some KEP READMEs are over 100 kB): from the Summary heading to the next heading of its
 * level or above outside a code fence, else the document's start. The parser still decides what is what.
 */
function summarySource(markdown: string): { text: string; length: number } {
  const text = markdown.replace(/\r\n?/g, '\n');
  const heading = SUMMARY_LINE.exec(text);
  if (!heading) {
    const cut = text.lastIndexOf('\n\n', PREFIX_CHARS);
    const prefix = text.length <= PREFIX_CHARS ? text : text.slice(0, cut > 0 ? cut : PREFIX_CHARS);
    return { text: prefix, length: prefix.length };
  }
  const depth = heading[1]!.length;
  const lines = text.slice(heading.index).split('\n');
  let fenced = false;
  let end = lines.length;
  for (let at = 1; at < lines.length; at++) {
    if (/^\s*(```|~~~)/.test(lines[at]!)) fenced = !fenced;
    const next = !fenced && /^ {0,3}(#{1,6})[ \t]/.exec(lines[at]!);
    if (next && next[1]!.length <= depth) {
      end = at;
      break;
    }
  }
  const section = lines.slice(0, end).join('\n');
  // An empty Summary section falls back to the first prose paragraph, which needs the document's start.
  const source = section.split('\n').slice(1).join('').trim() ? section : text.slice(0, PREFIX_CHARS);
  // Link and footnote definitions may sit anywhere in the document; "[text][ref]" needs them to read as a link.
  // They go after the part read, and only blocks inside that part can become the summary.
  const definitions = text.replace(/<!--[\s\S]*?-->/g, '').match(/^ {0,3}\[[^\]\n]+\]:[ \t]*\S.*$/gm) ?? [];
  return {
    text: definitions.length > 0 ? `${source}\n\n${definitions.join('\n\n')}\n` : source,
    length: source.length,
  };
}

export function summaryFromReadme(markdown: string, max = 600): string {
  const source = summarySource(markdown);
  const root = parseMarkdown(source.text);
  const read: Root = {
    ...root,
    children: root.children.filter((node) => (node.position?.start.offset ?? 0) < source.length),
  };
  return truncateText(plainText(summaryBlocks(read)), max);
}
