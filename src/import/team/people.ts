import type { Person } from '../../domain/team.ts';
import { isPlaceholder, normaliseCell, plainText } from './text.ts';

/** A cell that cannot be read as a list of people; the caller adds the file and row. */
export class PeopleError extends Error {
  override name = 'PeopleError';
}

type Token =
  | { kind: 'open' | 'close' | 'comma' | 'slash' | 'code' }
  | { kind: 'handle'; value: string }
  | { kind: 'word'; value: string };

const GITHUB_PROFILE = /^https?:\/\/(?:www\.)?github\.com\/([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)\/?$/i;
const HANDLE_TEXT = /^@?([A-Za-z0-9][A-Za-z0-9_.-]*)$/;
const SLACK_LABEL = /^slack:?$/i;

/**
 * A link is a GitHub handle when its text is one word ("@neoaggelos", "saschagrunert"). The
 * profile URL wins over the text, which is sometimes the Slack name ("[@soggy](…/soggiest)").
 * A link whose text is a name contributes the name's words and, for a profile URL, the handle.
 */
function linkTokens(text: string, url: string): Token[] {
  const fromUrl = GITHUB_PROFILE.exec(url.trim())?.[1] ?? null;
  const label = text.replace(/\*\*|__|[*`]/g, '').trim();
  const fromText = HANDLE_TEXT.exec(label);
  if (fromText && (fromUrl || label.startsWith('@'))) return [{ kind: 'handle', value: fromUrl ?? fromText[1]! }];
  const words: Token[] = label
    .split(/\s+/)
    .filter(Boolean)
    .map((value) => ({ kind: 'word', value }));
  return fromUrl ? [...words, { kind: 'handle', value: fromUrl }] : words;
}

const TOKEN = /`[^`]*`|\[([^\]]*)\]\(([^)]*)\)|\*\*|__|\s+|[()[\],;/*]|[^\s()[\],;/*`]+|`/gy;

function tokenize(cell: string): Token[] {
  const tokens: Token[] = [];
  for (const match of normaliseCell(cell).matchAll(TOKEN)) {
    const [text, linkText, linkUrl] = match;
    if (linkUrl !== undefined) tokens.push(...linkTokens(linkText ?? '', linkUrl));
    else if (text.startsWith('`') && text.length > 1) tokens.push({ kind: 'code' });
    else if (text === '(') tokens.push({ kind: 'open' });
    else if (text === ')') tokens.push({ kind: 'close' });
    else if (text === ',' || text === ';') tokens.push({ kind: 'comma' });
    else if (text === '/') tokens.push({ kind: 'slash' });
    else if (!/^(\s+|\*\*|__|[*`[\]])$/.test(text)) tokens.push({ kind: 'word', value: text });
  }
  return tokens;
}

interface Draft {
  nameWords: string[];
  github: string | null;
  /** Plain words inside parentheses: the handle in "Dawn Chen (dchen1107)". */
  innerWords: string[];
  /** Seen a parenthesised group or a handle: more words after this start the next person. */
  hasDetails: boolean;
  /** Skipping a trailing "/ Slack: `@x`" written after the parentheses, until the next comma. */
  skipping: boolean;
}

const emptyDraft = (): Draft => ({ nameWords: [], github: null, innerWords: [], hasDetails: false, skipping: false });

function isWord(token: Token | undefined): token is { kind: 'word'; value: string } {
  return token?.kind === 'word';
}

/**
 * A comma inside parentheses usually separates GitHub from Slack ("([@x](…), Slack: `@x`)"),
 * but when a closing parenthesis was forgotten (1.33) it separates people: words followed by
 * "(" or a handle mean the next person has started.
 */
function startsNextPerson(tokens: Token[], from: number): boolean {
  let index = from;
  while (isWord(tokens[index]) && !SLACK_LABEL.test((tokens[index] as { value: string }).value)) index++;
  if (index === from) return false;
  const next = tokens[index]?.kind;
  return next === 'open' || next === 'handle';
}

function finish(draft: Draft, people: Person[]): void {
  const name = draft.nameWords
    .join(' ')
    .replace(/^[\s:\-–—]+|[\s:\-–—]+$/g, '')
    .trim();
  let github = draft.github;
  if (!github) {
    const first = draft.innerWords[0];
    const handle = first && !SLACK_LABEL.test(first) ? HANDLE_TEXT.exec(first) : null;
    if (handle) github = handle[1]!;
  }
  if (!name) {
    if (github || draft.innerWords.length > 0) {
      throw new PeopleError(
        `an entry has no name (${github ? `only the handle @${github}` : `only "${draft.innerWords.join(' ')}"`})`,
      );
    }
    return;
  }
  if (isPlaceholder(name) && !github) return;
  people.push({ name, github });
}

/**
 * Reads the people in one cell, in every style upstream has used:
 * "Angelos Kolaitis ([@neoaggelos](…) / Slack: `@Angelos Kolaitis`), Drew Hagen (…)",
 * "Dawn Chen (dchen1107)", "Kaitlyn Barnard / Caitlyn O'Connell", "Nikolaos Moraitis / ([@droslean](…) …)",
 * "Rey Lejano ([@reylejano](…)) / Slack: `@rlejano`", people missing the comma between them,
 * and parentheses left unbalanced. Slack IDs are dropped: they may hold commas and parentheses.
 * "N/A", "TBD" and "--" give an empty list.
 */
export function parsePeople(cell: string): Person[] {
  if (isPlaceholder(plainText(cell))) return [];
  const tokens = tokenize(cell);
  const people: Person[] = [];
  let draft = emptyDraft();
  let depth = 0;
  const next = (): void => {
    finish(draft, people);
    draft = emptyDraft();
    depth = 0;
  };

  tokens.forEach((token, index) => {
    if (draft.skipping) {
      if (token.kind === 'open') depth++;
      else if (token.kind === 'close') depth = Math.max(0, depth - 1);
      else if (token.kind === 'comma' && depth === 0) next();
      return;
    }
    switch (token.kind) {
      case 'open':
        depth++;
        return;
      case 'close':
        // A stray ")" at the top level (1.16: "Lachlan Evenson ([@lachie83](…)) / …)") is ignored.
        if (depth > 0 && --depth === 0) draft.hasDetails = true;
        return;
      case 'comma':
        if (depth === 0 || startsNextPerson(tokens, index + 1)) next();
        return;
      case 'slash': {
        if (depth > 0) return;
        if (draft.hasDetails) draft.skipping = true;
        else if (
          draft.nameWords.length > 0 &&
          tokens[index + 1]?.kind !== 'open' &&
          tokens[index + 1]?.kind !== 'handle'
        )
          next();
        return;
      }
      case 'handle':
        draft.github ??= token.value;
        if (depth === 0) draft.hasDetails = true;
        return;
      case 'code':
        if (depth === 0 && draft.nameWords.length > 0) draft.hasDetails = true;
        return;
      case 'word':
        if (depth > 0) draft.innerWords.push(token.value);
        else if (SLACK_LABEL.test(token.value)) draft.skipping = draft.nameWords.length > 0;
        else if (draft.hasDetails) {
          next();
          draft.nameWords.push(token.value);
        } else draft.nameWords.push(token.value);
        return;
    }
  });
  finish(draft, people);
  return people;
}

/** A lone handle cell (1.6's "GitHub/Slack ID" column): a link or a plain word, "@" optional. */
export function parseHandle(cell: string): string | null {
  for (const token of tokenize(cell)) {
    if (token.kind === 'handle') return token.value;
    if (token.kind === 'word') return HANDLE_TEXT.exec(token.value)?.[1] ?? null;
  }
  return null;
}
