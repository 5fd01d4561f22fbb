import {
  CellError,
  type DateParts,
  monthNumber,
  parseDateText,
  parseWhen,
  splitLeadingDate,
  type Segment,
} from './dates.ts';
import {
  findHeadings,
  findHtmlTables,
  findPipeTables,
  parseBullets,
  sectionRange,
  stripInline,
  type Bullet,
  type Table,
} from './markdown.ts';

/** One dated line of a schedule before years, zones and kinds are worked out. */
export interface RawRow {
  /** 1-based line number in the README. */
  line: number;
  what: string;
  who: string | null;
  when: string;
  week: number | null;
  segments: Segment[];
}

/** Reports a malformed row; the caller turns it into an ImportError naming the file. */
export type RowFailure = (row: { line: number; what: string }, field: string, message: string) => never;

/** Cells that say "not scheduled yet": such rows carry no date and are left out. */
const PLACEHOLDER = /^(tbd|tbc|tba|n\/?a|unknown|-+|—|\?+)?$/i;

function columnIndex(header: readonly string[], test: (name: string) => boolean): number {
  return header.findIndex((name) => test(name));
}

function parseWeek(cell: string | undefined): number | null {
  const match = /^(?:(?:dev\s+)?week\s*)?(\d{1,2})$/i.exec(stripInline(cell ?? ''));
  return match ? Number(match[1]) : null;
}

interface TimelineColumns {
  what: number;
  who: number;
  when: number;
  week: number;
  /** Column index → month, for 1.10–1.16 tables with one column per month. */
  months: Map<number, number>;
}

function timelineColumns(table: Table): TimelineColumns | null {
  const header = table.header.map((cell) => stripInline(cell).toLowerCase());
  const what = columnIndex(header, (name) => name === 'what');
  const when = columnIndex(header, (name) => name === 'when');
  const months = new Map<number, number>();
  header.forEach((name, index) => {
    const month = monthNumber(name);
    if (month !== null) months.set(index, month);
  });
  if (what < 0 || (when < 0 && months.size === 0)) return null;
  return {
    what,
    who: columnIndex(header, (name) => name === 'who'),
    when,
    week: columnIndex(header, (name) => /\bweek\b/.test(name)),
    months,
  };
}

function cellError(
  fail: RowFailure,
  row: { line: number; what: string },
  field: string,
  text: string,
  error: unknown,
): never {
  if (error instanceof CellError) return fail(row, field, `${error.message} in ${JSON.stringify(text)}`);
  throw error;
}

function tableRows(table: Table, columns: TimelineColumns, fail: RowFailure): RawRow[] {
  const rows: RawRow[] = [];
  for (const { line, cells } of table.rows) {
    const what = stripInline(cells[columns.what] ?? '');
    if (!what) continue;
    const row = { line: line + 1, what };
    const who = columns.who >= 0 ? stripInline(cells[columns.who] ?? '') || null : null;
    const week = columns.week >= 0 ? parseWeek(cells[columns.week]) : null;
    if (columns.when >= 0) {
      const when = stripInline(cells[columns.when] ?? '');
      if (PLACEHOLDER.test(when)) continue;
      let segments: Segment[];
      try {
        segments = parseWhen(when);
      } catch (error) {
        cellError(fail, row, 'When', when, error);
      }
      rows.push({ ...row, who, week, when, segments });
      continue;
    }
    const filled = [...columns.months].filter(([index]) => !PLACEHOLDER.test(stripInline(cells[index] ?? '')));
    if (filled.length === 0) continue;
    if (filled.length > 1) {
      fail(
        row,
        'month columns',
        `a date in more than one month column (${filled.map(([index]) => stripInline(table.header[index]!)).join(', ')})`,
      );
    }
    const [index, month] = filled[0]!;
    const monthName = stripInline(table.header[index]!);
    const cell = stripInline(cells[index]!);
    let date: DateParts | null | undefined;
    try {
      date = parseDateText(cell);
    } catch (error) {
      cellError(fail, row, monthName, cell, error);
    }
    if (!date) fail(row, monthName, `no day in ${JSON.stringify(cell)}`);
    if (date.month !== null && date.month !== month)
      fail(row, monthName, `${JSON.stringify(cell)} names another month`);
    rows.push({
      ...row,
      who,
      week,
      when: `${cell} (${monthName})`,
      segments: [{ date: { ...date, month }, clock: null, zone: null, endOfDay: false }],
    });
  }
  return rows;
}

const SCHEDULE_HEADING = /\b(timeline|schedule|key dates)\b/i;

function bulletText(bullet: Bullet): string {
  return stripInline(bullet.text.replace(/^\[[ xX]\]\s*/, ''));
}

function bulletRows(bullets: readonly Bullet[], fail: RowFailure): RawRow[] {
  const rows: RawRow[] = [];
  for (const bullet of bullets) {
    const split = splitLeadingDate(bulletText(bullet));
    if (!split) continue;
    // 1.5 puts the date alone on the bullet and describes the event in the bullets under it.
    const what = split.rest || bullet.children.map(bulletText).filter(Boolean).join('; ');
    if (!what) continue;
    const row = { line: bullet.line + 1, what };
    let segments: Segment[];
    try {
      segments = parseWhen(split.when);
    } catch (error) {
      cellError(fail, row, 'date', split.when, error);
    }
    rows.push({ ...row, who: null, when: split.when, week: null, segments });
  }
  return rows;
}

/**
 * The dated rows of a README: its timeline table when it has one (1.10+), otherwise the bullets of its
 * innermost "Timeline"/"Release Schedule"/"Key Dates" section (1.5–1.9). Empty when it has neither.
 */
export function extractRows(markdown: string, fail: RowFailure): RawRow[] {
  const lines = markdown.split('\n');
  for (const table of [...findPipeTables(lines), ...findHtmlTables(markdown)].sort((a, b) => a.line - b.line)) {
    const columns = timelineColumns(table);
    if (columns) return tableRows(table, columns, fail);
  }
  const headings = findHeadings(lines);
  const sections = headings
    .filter((heading) => SCHEDULE_HEADING.test(heading.text))
    .map((heading) => ({ heading, range: sectionRange(headings, heading, lines.length) }));
  const innermost = sections.filter(
    ({ heading, range }) =>
      !sections.some(
        (other) => other.heading !== heading && other.heading.line > range[0] - 1 && other.heading.line < range[1],
      ),
  );
  for (const { range } of innermost) {
    const rows = bulletRows(parseBullets(lines, range[0], range[1]), fail);
    if (rows.length > 0) return rows;
  }
  return [];
}
