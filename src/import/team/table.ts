import { plainText } from './text.ts';

export interface TableRow {
  /** 1-based line number in the file. */
  line: number;
  cells: string[];
}

export interface MarkdownTable {
  /** 1-based line number of the header. */
  line: number;
  header: string[];
  rows: TableRow[];
}

/** What each column of a team table holds, by index; -1 when absent. */
export interface TeamColumns {
  role: number;
  leads: number;
  shadows: number;
  /** A separate GitHub/Slack ID column (1.6), when handles are not written beside names. */
  handles: number;
}

/** Splits "| a | b |" into ["a", "b"]; a missing closing pipe (seen upstream) is tolerated. */
export function splitRow(line: string): string[] {
  let body = line.trim();
  if (body.startsWith('|')) body = body.slice(1);
  if (body.endsWith('|') && !body.endsWith('\\|')) body = body.slice(0, -1);
  return body.split(/(?<!\\)\|/).map((cell) => cell.trim());
}

const isSeparatorRow = (cells: string[]): boolean =>
  cells.length > 0 && cells.every((cell) => /^:?-{1,}:?$/.test(cell));

/** Every pipe table in the file: a header line, a separator line, then rows until the first non-table line. */
export function findTables(markdown: string): MarkdownTable[] {
  const lines = markdown.split(/\r?\n/);
  const tables: MarkdownTable[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const headerLine = lines[i]!;
    if (!headerLine.trim().startsWith('|') || !isSeparatorRow(splitRow(lines[i + 1]!))) continue;
    const table: MarkdownTable = { line: i + 1, header: splitRow(headerLine), rows: [] };
    let j = i + 2;
    for (; j < lines.length && lines[j]!.trim().startsWith('|'); j++) {
      const cells = splitRow(lines[j]!);
      if (!isSeparatorRow(cells)) table.rows.push({ line: j + 1, cells });
    }
    tables.push(table);
    i = j - 1;
  }
  return tables;
}

/**
 * Reads the header: "Role"/"Team/Role", "Name"/"Lead Name"/"Lead", "Shadow Name(s)", and
 * 1.6's separate "GitHub/Slack ID". Returns null when the table has no name column.
 */
export function teamColumns(header: string[]): TeamColumns | null {
  const columns: TeamColumns = { role: -1, leads: -1, shadows: -1, handles: -1 };
  header.forEach((cell, index) => {
    const text = plainText(cell).toLowerCase();
    if (/shadow/.test(text)) {
      if (columns.shadows < 0) columns.shadows = index;
    } else if (/name|lead|person|member/.test(text)) {
      if (columns.leads < 0) columns.leads = index;
    } else if (/github|slack|handle/.test(text)) {
      if (columns.handles < 0) columns.handles = index;
    } else if (/role|team/.test(text)) {
      if (columns.role < 0) columns.role = index;
    }
  });
  if (columns.leads < 0) return null;
  if (columns.role < 0) columns.role = columns.leads === 0 ? -1 : 0;
  return columns.role < 0 ? null : columns;
}
