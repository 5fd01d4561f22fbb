/** The small slice of markdown the sig-release READMEs use: headings, bullet lists, pipe and HTML tables. */

/** Inline markdown → plain text. Struck-through text is dropped: upstream strikes out superseded dates. */
export function stripInline(text: string): string {
  return (
    text
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(/~~[^~]*~~/g, ' ')
      .replace(/<br\s*\/?>/gi, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/`([^`]*)`/g, '$1')
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      // Reference links, including upstream's unclosed "[Text][Ref" typo.
      .replace(/\[([^\]]+)\]\[([^\]*]*)\]?/g, '$1')
      .replace(/\[([^\]]+)\]/g, '$1')
      .replace(/(\*\*|__)(.+?)\1/g, '$2')
      .replace(/(^|[^\w*])[*_]([^*_]+?)[*_](?=[^\w*]|$)/g, '$1$2')
      .replace(/\*\*/g, '')
      .replace(/\\([\\`*_{}[\]()#+\-.!|])/g, '$1')
      .replace(/&nbsp;/g, ' ')
      .replace(/&amp;/g, '&')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

export interface Heading {
  /** 0-based line index. */
  line: number;
  level: number;
  text: string;
}

/** ATX headings only ("## Title"); "#Title" without a space is a paragraph, as on GitHub. */
export function findHeadings(lines: readonly string[]): Heading[] {
  const headings: Heading[] = [];
  let inFence = false;
  lines.forEach((raw, index) => {
    if (/^\s*(```|~~~)/.test(raw)) inFence = !inFence;
    if (inFence) return;
    const match = /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$/.exec(raw);
    if (match) headings.push({ line: index, level: match[1]!.length, text: stripInline(match[2]!) });
  });
  return headings;
}

/** The line range [start, end) of the body under a heading: up to the next heading of the same or higher level. */
export function sectionRange(headings: readonly Heading[], heading: Heading, lineCount: number): [number, number] {
  const next = headings.find((other) => other.line > heading.line && other.level <= heading.level);
  return [heading.line + 1, next ? next.line : lineCount];
}

export interface TableRow {
  /** 0-based line index of the row in the document. */
  line: number;
  cells: string[];
}

export interface Table {
  line: number;
  header: string[];
  rows: TableRow[];
}

function splitPipeRow(line: string): string[] {
  let body = line.trim();
  if (body.startsWith('|')) body = body.slice(1);
  if (body.endsWith('|') && !body.endsWith('\\|')) body = body.slice(0, -1);
  return body.split(/(?<!\\)\|/).map((cell) => cell.trim());
}

const DELIMITER_ROW = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

/** GitHub pipe tables: a header row, a delimiter row, then rows until a line that is not a table row. */
export function findPipeTables(lines: readonly string[]): Table[] {
  const tables: Table[] = [];
  for (let index = 0; index + 1 < lines.length; index++) {
    const headerLine = lines[index]!;
    if (!headerLine.includes('|') || !DELIMITER_ROW.test(lines[index + 1]!)) continue;
    const table: Table = { line: index, header: splitPipeRow(headerLine), rows: [] };
    let cursor = index + 2;
    while (cursor < lines.length && lines[cursor]!.includes('|') && lines[cursor]!.trim() !== '') {
      table.rows.push({ line: cursor, cells: splitPipeRow(lines[cursor]!) });
      cursor++;
    }
    tables.push(table);
    index = cursor - 1;
  }
  return tables;
}

function lineOfOffset(text: string, offset: number): number {
  let line = 0;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** HTML <table>s (release 1.10 writes its timeline this way); the first <tr> is the header. */
export function findHtmlTables(markdown: string): Table[] {
  const tables: Table[] = [];
  for (const tableMatch of markdown.matchAll(/<table\b[^>]*>([\s\S]*?)<\/table>/gi)) {
    const tableOffset = tableMatch.index;
    const rows: TableRow[] = [];
    for (const rowMatch of tableMatch[1]!.matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/gi)) {
      const cells = [...rowMatch[1]!.matchAll(/<t[dh]\b[^>]*>([\s\S]*?)<\/t[dh]>/gi)].map((cell) => cell[1]!.trim());
      const rowOffset = tableOffset + tableMatch[0].indexOf(rowMatch[0]);
      rows.push({ line: lineOfOffset(markdown, rowOffset), cells });
    }
    const [header, ...body] = rows;
    if (header) tables.push({ line: lineOfOffset(markdown, tableOffset), header: header.cells, rows: body });
  }
  return tables;
}

export interface Bullet {
  line: number;
  /** Text of the item, continuation lines joined. */
  text: string;
  children: Bullet[];
}

/** The bullet tree of a block of lines; indentation decides nesting. */
export function parseBullets(lines: readonly string[], start: number, end: number): Bullet[] {
  const roots: Bullet[] = [];
  const stack: { indent: number; bullet: Bullet }[] = [];
  let last: Bullet | null = null;
  for (let index = start; index < end; index++) {
    const raw = lines[index]!;
    const match = /^(\s*)[-*+][ \t]+(.*)$/.exec(raw);
    if (match) {
      const indent = match[1]!.replace(/\t/g, '    ').length;
      const bullet: Bullet = { line: index, text: match[2]!.trim(), children: [] };
      while (stack.length > 0 && stack[stack.length - 1]!.indent >= indent) stack.pop();
      if (stack.length === 0) roots.push(bullet);
      else stack[stack.length - 1]!.bullet.children.push(bullet);
      stack.push({ indent, bullet });
      last = bullet;
    } else if (raw.trim() === '' || /^\s{0,3}#/.test(raw)) {
      last = null;
      if (raw.trim() !== '') stack.length = 0;
    } else if (last && /^\s+\S/.test(raw)) {
      last.text += ` ${raw.trim()}`;
    } else {
      last = null;
      stack.length = 0;
    }
  }
  return roots;
}
