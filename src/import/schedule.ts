import type { DateTime } from 'luxon';
import type { Schedule, ScheduleEvent } from '../domain/schedule.ts';
import { MinorVersion, minorNumber } from '../domain/version.ts';
import { ImportError } from './errors.ts';
import { classify, isDocsComplete, SINGLE_KINDS } from './schedule/classify.ts';
import {
  CellError,
  findTimeHint,
  formatInstant,
  instant,
  isoDate,
  isRealDate,
  resolveYears,
  utcClockNear,
  type FullDate,
  type Segment,
  type TimeHint,
} from './schedule/dates.ts';
import { extractRows, type RawRow, type RowFailure } from './schedule/rows.ts';
import { isUtc, UTC_ZONE, type NamedZone } from './schedule/zones.ts';

export interface ScheduleSource {
  version: string;
  /** Path inside kubernetes/sig-release, e.g. releases/release-1.31/README.md */
  path: string;
  markdown: string;
}

const REPOSITORY_URL = 'https://github.com/kubernetes/sig-release/blob/master/';

interface DatedSegment extends Segment {
  full: FullDate | null;
}

function rowLabel(row: { line: number; what: string }): string {
  return `line ${row.line} (${JSON.stringify(row.what)})`;
}

/** Fills in the month of "Tue 24" (1.17) from the row above, then the years of the whole schedule. */
function datedSegments(rows: readonly RawRow[], minor: number, markdown: string, fail: RowFailure): DatedSegment[][] {
  let previousMonth: number | null = null;
  const primaries = rows.map((row) => {
    const primary = row.segments.find((segment) => segment.date)!.date!;
    const month = primary.month ?? previousMonth;
    if (month === null) fail(row, 'When', `no month in ${JSON.stringify(row.when)}`);
    previousMonth = month;
    return { ...primary, month };
  });
  const mentionedYears = new Set([...markdown.matchAll(/\b(20\d\d)\b/g)].map((match) => Number(match[1])));
  const years = resolveYears(primaries, minor, mentionedYears);

  return rows.map((row, index) => {
    const primary: FullDate = { year: years[index]!, month: primaries[index]!.month, day: primaries[index]!.day };
    return row.segments.map((segment): DatedSegment => {
      if (!segment.date) return { ...segment, full: null };
      const month = segment.date.month ?? primary.month;
      // A second date in the same cell is within a day or two of the first: it shares its year.
      const year =
        segment.date.year ??
        [primary.year, primary.year + 1, primary.year - 1].find(
          (candidate) =>
            Math.abs(
              Date.UTC(candidate, month - 1, segment.date!.day) -
                Date.UTC(primary.year, primary.month - 1, primary.day),
            ) <
            183 * 86_400_000,
        ) ??
        primary.year;
      const full = { year, month, day: segment.date.day };
      if (!isRealDate(full)) fail(row, 'When', `impossible date ${isoDate(full)} in ${JSON.stringify(row.when)}`);
      return { ...segment, full };
    });
  });
}

function endOfDay(date: FullDate, zone: NamedZone): DateTime {
  const second = zone.name === 'AoE' ? 59 : 0;
  return instant(date, { hour: 23, minute: 59, second }, zone);
}

/**
 * The event's calendar date and instant. A UTC time in the cell wins (upstream's other zones are sometimes
 * mislabelled, e.g. "17:00 PDT" in November); then any other time; then an EOD/AoE deadline; then a time
 * or "(EOD PST)" written in the What column. The date is the first part's date, in the zone it names.
 */
function timing(segments: readonly DatedSegment[], hint: TimeHint): { date: string; at: string | null } {
  const firstDated = segments.find((segment) => segment.full)!.full!;
  const reference = segments.find((segment) => segment.full && segment.clock && (segment.zone ?? hint.zone));
  const referenceInstant = reference
    ? instant(reference.full!, reference.clock!, (reference.zone ?? hint.zone)!)
    : null;

  let at: DateTime | null = null;
  const utcTimed = segments.find((segment) => segment.clock && segment.zone && isUtc(segment.zone));
  const timed = segments.find((segment) => segment.clock);
  const deadline = segments.find((segment) => segment.endOfDay);
  if (utcTimed) {
    if (utcTimed.full) at = instant(utcTimed.full, utcTimed.clock!, UTC_ZONE);
    else
      at = referenceInstant
        ? utcClockNear(utcTimed.clock!, referenceInstant)
        : instant(firstDated, utcTimed.clock!, UTC_ZONE);
  } else if (timed) {
    at = instant(timed.full ?? firstDated, timed.clock!, timed.zone ?? hint.zone ?? UTC_ZONE);
  } else if (deadline && (deadline.zone ?? hint.zone)) {
    at = endOfDay(deadline.full ?? firstDated, (deadline.zone ?? hint.zone)!);
  } else if (hint.clock) {
    at = instant(firstDated, hint.clock, hint.zone ?? UTC_ZONE);
  } else if (hint.endOfDay && hint.zone) {
    at = endOfDay(firstDated, hint.zone);
  }

  const first = segments[0]!;
  let date: string;
  if (first.full) date = isoDate(first.full);
  else if (at) date = at.setZone((first.zone ?? UTC_ZONE).zone).toISODate()!;
  else date = isoDate(firstDated);
  return { date, at: at ? formatInstant(at) : null };
}

/** One milestone of each one-off kind: the first row that reads as it keeps the kind, later rows lose it. */
function keepSingleKinds(events: ScheduleEvent[]): void {
  const seen = new Set<string>();
  for (const event of events) {
    event.kinds = event.kinds.filter((kind) => {
      if (!SINGLE_KINDS.has(kind)) return true;
      if (seen.has(kind)) return false;
      seen.add(kind);
      return true;
    });
  }
  if (!seen.has('docs-freeze')) {
    const docsComplete = events.find((event) => event.kinds.length === 0 && isDocsComplete(event.what));
    if (docsComplete) docsComplete.kinds = ['docs-freeze'];
  }
}

/** Returns null when the README has no dated schedule (1.3, 1.4). Throws ImportError on malformed rows. */
export function parseSchedule(source: ScheduleSource): Schedule | null {
  const version = MinorVersion.safeParse(source.version);
  if (!version.success)
    throw new ImportError(
      source.path,
      'version',
      `expected a minor version like "1.31", got ${JSON.stringify(source.version)}`,
    );
  const minor = minorNumber(version.data);
  const markdown = source.markdown.replace(/\r\n?/g, '\n');
  const fail: RowFailure = (row, field, message) => {
    throw new ImportError(source.path, `${rowLabel(row)} ${field}`, message);
  };

  const rows = extractRows(markdown, fail);
  if (rows.length === 0) return null;
  const segments = datedSegments(rows, minor, markdown, fail);

  const events = rows.map((row, index): ScheduleEvent => {
    let hint: TimeHint;
    try {
      hint = findTimeHint(row.what);
    } catch (error) {
      if (error instanceof CellError) fail(row, 'What', `${error.message} in ${JSON.stringify(row.what)}`);
      throw error;
    }
    const { date, at } = timing(segments[index]!, hint);
    const { kinds, build } = classify(row.what, minor);
    return { what: row.what, who: row.who, when: row.when, date, at, week: row.week, kinds, build };
  });
  keepSingleKinds(events);
  // Stable: rows on the same day keep their upstream order.
  events.sort((a, b) => a.date.localeCompare(b.date));

  return {
    version: version.data,
    source: source.path,
    url: `${REPOSITORY_URL}${source.path}`,
    events,
  };
}
