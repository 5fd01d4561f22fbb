import type { Heading, List, ListItem, RootContent } from 'mdast';
import type { Release } from '../domain/release.ts';
import type { ReleaseNote, ReleaseNoteKind, ReleaseNotesDraft } from '../domain/release-notes.ts';
import type { Schedule } from '../domain/schedule.ts';
import { compareMinor } from '../domain/version.ts';
import { nodeText, parseMarkdown, truncateText } from './markdown.ts';

/** releases/release-1.N/release-notes-draft.md (1.5–1.21) and …/release-notes/release-notes-draft.md (1.21 on). */
export const RELEASE_NOTES_PATH = /^releases\/release-(1\.\d+)\/(?:release-notes\/)?release-notes-draft\.md$/;

const SECTION_KINDS: Array<[RegExp, ReleaseNoteKind]> = [
  [/^(urgent upgrade notes|action required( before upgrading)?|before upgrading)$/i, 'urgent'],
  [/^deprecations?( and removals)?$/i, 'deprecation'],
];
const NOT_AN_AREA = /^\(no, really/i;
const PULL_URL = /^https:\/\/github\.com\/kubernetes\/kubernetes\/pull\/(\d+)\/?$/;
const AUTHOR_URL = /^https:\/\/github\.com\/([A-Za-z0-9-]+(?:\[bot\])?)\/?$/;
const TRAILING_SIGS = /\s*\[SIG ([^\]]+)\]\s*$/;
const REFERENCES = /\s*\(\s*#\d+(?:\s*,\s*#\d+)*(?:\s*,\s*@[\w[\]-]+)*\s*\)/g;
const MAX_NOTE_CHARS = 700;

function sectionKind(heading: Heading): ReleaseNoteKind | null {
  const text = nodeText(heading).replace(/[*:]/g, '').trim();
  return SECTION_KINDS.find(([pattern]) => pattern.test(text))?.[1] ?? null;
}

type Node = { type: string; url?: string; children?: Node[] };

function collectLinks(node: Node, found: { prs: number[]; authors: string[] }): void {
  if (node.type === 'link' && node.url) {
    const pr = PULL_URL.exec(node.url)?.[1];
    const text = nodeText(node as ListItem);
    const author = AUTHOR_URL.exec(node.url)?.[1];
    if (pr && !found.prs.includes(Number(pr))) found.prs.push(Number(pr));
    else if (author && text.startsWith('@') && !found.authors.includes(author)) found.authors.push(author);
  }
  for (const child of node.children ?? []) collectLinks(child, found);
}

/** The item's prose with nested lists kept apart ("a — b; c"), so that items do not run together. */
function itemText(item: ListItem): string {
  const parts: string[] = [];
  for (const child of item.children) {
    if (child.type === 'list') parts.push(child.children.map((nested) => itemText(nested)).join('; '));
    else parts.push(nodeText(child));
  }
  return parts.filter(Boolean).join(' — ');
}

function noteFrom(item: ListItem, kind: ReleaseNoteKind, area: string | null): ReleaseNote | null {
  // A template heading left inside a list item ("#### Additional documentation e.g., KEPs …") is no note.
  if (item.children[0]?.type === 'heading') return null;
  const references = { prs: [] as number[], authors: [] as string[] };
  collectLinks(item as Node, references);
  let text = itemText(item);
  const sigs = TRAILING_SIGS.exec(text)?.[1];
  text = text.replace(TRAILING_SIGS, '').replace(REFERENCES, '').replace(/\s+/g, ' ').trim();
  if (!text) return null;
  return {
    kind,
    text: truncateText(text, MAX_NOTE_CHARS),
    area,
    prs: references.prs,
    authors: references.authors,
    sigs: sigs
      ? sigs
          .split(/,\s*|\s+and\s+/)
          .map((sig) => sig.trim())
          .filter(Boolean)
      : [],
  };
}

/** Urgent upgrade notes and deprecations of one draft, in the order the draft gives them. */
export function parseReleaseNotes(markdown: string): ReleaseNote[] {
  const notes: ReleaseNote[] = [];
  let open: { kind: ReleaseNoteKind; depth: number } | null = null;
  let area: string | null = null;
  for (const node of parseMarkdown(markdown).children as RootContent[]) {
    if (node.type === 'heading') {
      const kind = sectionKind(node);
      if (kind) {
        open = { kind, depth: node.depth };
        area = null;
      } else if (open && node.depth <= open.depth) {
        open = null;
      } else if (open && !NOT_AN_AREA.test(nodeText(node))) {
        area =
          nodeText(node)
            .replace(/[*:]+$/g, '')
            .replace(/\*/g, '')
            .trim() || null;
      }
      continue;
    }
    if (!open || node.type !== 'list') continue;
    for (const item of (node as List).children) {
      const note = noteFrom(item, open.kind, area);
      if (note) notes.push(note);
    }
  }
  return notes;
}

/**
 * Whether the draft is the final text: a release not yet shipped when sig-release was read has a
 * pre-release draft, named by the newest pre-release build its schedule dates on or before that day.
 */
export function draftStatus(
  version: string,
  release: Release | undefined,
  schedule: Schedule | undefined,
  readOn: string | null,
): Pick<ReleaseNotesDraft, 'status' | 'build'> {
  const shipped =
    release?.gaDateKind === 'confirmed' && release.gaDate !== null && (readOn === null || release.gaDate <= readOn);
  if (shipped) return { status: 'final', build: null };
  const builds = (schedule?.events ?? []).filter((event) => event.build && (readOn === null || event.date <= readOn));
  const build = builds.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)).at(-1)?.build ?? null;
  return { status: 'pre-release', build: build?.startsWith(`${version}.`) ? build : null };
}

export function sortDrafts(drafts: ReleaseNotesDraft[]): ReleaseNotesDraft[] {
  return drafts.sort((a, b) => compareMinor(a.version, b.version));
}
