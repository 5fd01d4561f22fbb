import { DateTime } from 'luxon';
import { namedZone, UTC_ZONE, ZONE_PATTERN, type NamedZone } from './zones.ts';

/** A problem with one cell or line; the caller adds the file and row. */
export class CellError extends Error {}

/** A calendar date as written; year and month may be missing and filled in from context. */
export interface DateParts {
  year: number | null;
  month: number | null;
  day: number;
  /** ISO weekday (1 = Monday) when the text names one. */
  weekday: number | null;
}

export interface Clock {
  hour: number;
  minute: number;
  second: number;
}

/** One " / "-separated part of a When cell, e.g. "02:00 UTC Friday 14th June 2024". */
export interface Segment {
  date: DateParts | null;
  clock: Clock | null;
  zone: NamedZone | null;
  /** "EOD", or an "(AoE)" date without a time: the deadline is the end of that day. */
  endOfDay: boolean;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};

const WEEKDAYS: Record<string, number> = {
  mon: 1,
  monday: 1,
  tue: 2,
  tues: 2,
  tuesday: 2,
  wed: 3,
  weds: 3,
  wednesday: 3,
  thu: 4,
  thur: 4,
  thurs: 4,
  thursday: 4,
  fri: 5,
  friday: 5,
  sat: 6,
  saturday: 6,
  sun: 7,
  sunday: 7,
};

/** Words that may sit in a date cell without changing its meaning ("~~25~~ moved to 27"). */
const FILLER_WORDS = new Set(['moved', 'to', 'on', 'at', 'of', 'the', 'and', 'by']);

export function monthNumber(word: string): number | null {
  return MONTHS[word.toLowerCase().replace(/\.$/, '')] ?? null;
}

function weekdayNumber(word: string): number | null {
  const lower = word.toLowerCase();
  const known = WEEKDAYS[lower];
  if (known) return known;
  // Upstream typos such as "Tueday": a weekday prefix and a "day" ending.
  const typo = /^(mon|tue|wed|thu|fri|sat|sun)[a-z]*day$/.exec(lower);
  return typo ? WEEKDAYS[typo[1]!]! : null;
}

const CLOCK_WITH_ZONE = new RegExp(
  String.raw`\b(\d{1,2})(?::(\d{2}))?\s*(am|pm)?\s*\(?\s*(${ZONE_PATTERN})\b\s*\)?`,
  'i',
);
const CLOCK_ALONE = /\b(\d{1,2}):(\d{2})\s*(am|pm)?\b/i;
const END_OF_DAY = new RegExp(String.raw`\bEOD\b\s*\(?\s*(${ZONE_PATTERN})?\b\s*\)?`, 'i');
const ANYWHERE_ON_EARTH = /\(?\s*\b(AoE|anywhere on earth)\b\s*\)?/i;
const ZONE_ALONE = new RegExp(String.raw`\(\s*(${ZONE_PATTERN})\s*\)|\b(UTC|GMT|PST|PDT|AoE)\b`, 'i');

function toClock(hourText: string, minuteText: string | undefined, meridiem: string | undefined): Clock {
  let hour = Number(hourText);
  const minute = minuteText ? Number(minuteText) : 0;
  if (meridiem) {
    if (hour < 1 || hour > 12)
      throw new CellError(`impossible time "${hourText}${minuteText ? `:${minuteText}` : ''} ${meridiem}"`);
    hour = (hour % 12) + (meridiem.toLowerCase() === 'pm' ? 12 : 0);
  }
  if (hour > 23 || minute > 59) throw new CellError(`impossible time "${hourText}:${minuteText ?? '00'}"`);
  return { hour, minute, second: 0 };
}

export interface TimeHint {
  clock: Clock | null;
  zone: NamedZone | null;
  endOfDay: boolean;
  /** The text with the time and zone removed. */
  rest: string;
}

/** Finds a time of day, a zone, "EOD" or "AoE" in free text such as "Begin Code Freeze (18:00 PDT)". */
export function findTimeHint(text: string): TimeHint {
  let rest = text;
  let clock: Clock | null = null;
  let zone: NamedZone | null = null;
  let endOfDay = false;

  const aoe = ANYWHERE_ON_EARTH.exec(rest);
  if (aoe) {
    zone = namedZone('AoE');
    endOfDay = true;
    rest = rest.replace(aoe[0], ' ');
  }
  const eod = END_OF_DAY.exec(rest);
  if (eod) {
    endOfDay = true;
    if (eod[1]) zone = namedZone(eod[1]);
    rest = rest.replace(eod[0], ' ');
  }
  const withZone = CLOCK_WITH_ZONE.exec(rest);
  if (withZone && (withZone[2] !== undefined || withZone[3] !== undefined)) {
    clock = toClock(withZone[1]!, withZone[2], withZone[3]);
    zone = namedZone(withZone[4]!);
    rest = rest.replace(withZone[0], ' ');
  } else {
    const alone = CLOCK_ALONE.exec(rest);
    if (alone) {
      clock = toClock(alone[1]!, alone[2], alone[3]);
      rest = rest.replace(alone[0], ' ');
    }
    const zoneOnly = ZONE_ALONE.exec(rest);
    if (zoneOnly) {
      zone ??= namedZone(zoneOnly[1] ?? zoneOnly[2]!);
      rest = rest.replace(zoneOnly[0], ' ');
    }
  }
  if (clock) endOfDay = false;
  return { clock, zone, endOfDay, rest };
}

/**
 * Reads the date in a piece of text: weekday, month, day and year in any order, ranges ("6th - 9th
 * November") giving their first day. Returns null when the text holds no date at all.
 */
export function parseDateText(text: string): DateParts | null {
  const normalised = text
    .replace(/(\d)(st|nd|rd|th)\b/gi, '$1')
    .replace(/([a-z])(\d)/gi, '$1 $2')
    .replace(/(\d)([a-z])/gi, '$1 $2');
  let year: number | null = null;
  let month: number | null = null;
  let day: number | null = null;
  let weekday: number | null = null;
  for (const token of normalised.match(/[A-Za-z]+\.?|\d+|\S/g) ?? []) {
    if (/^\d+$/.test(token)) {
      if (token.length === 4 && year === null) year = Number(token);
      else if (token.length <= 2) day ??= Number(token);
      else throw new CellError(`unexpected number "${token}"`);
      continue;
    }
    if (/^[A-Za-z]/.test(token)) {
      const word = token.replace(/\.$/, '');
      const monthValue = monthNumber(word);
      const weekdayValue = weekdayNumber(word);
      if (monthValue !== null) month ??= monthValue;
      else if (weekdayValue !== null) weekday ??= weekdayValue;
      else if (!FILLER_WORDS.has(word.toLowerCase())) throw new CellError(`unrecognised word "${word}"`);
    }
  }
  if (day === null) {
    if (month !== null || year !== null) throw new CellError('a month or year without a day');
    if (weekday !== null) throw new CellError('a weekday without a day');
    return null;
  }
  if (day < 1 || day > 31) throw new CellError(`impossible day ${day}`);
  return { year, month, day, weekday };
}

/** Splits a When cell on " / " and reads each part. Throws CellError when it is not a date. */
export function parseWhen(text: string): Segment[] {
  const segments = text.split(/\s*\/\s*/).map((part): Segment => {
    const hint = findTimeHint(part);
    return { date: parseDateText(hint.rest), clock: hint.clock, zone: hint.zone, endOfDay: hint.endOfDay };
  });
  if (!segments.some((segment) => segment.date)) throw new CellError('no date');
  return segments;
}

const WEEKDAY_WORD = String.raw`(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?`;
const MONTH_WORD = String.raw`(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?`;
const DAY = String.raw`\d{1,2}(?:st|nd|rd|th)?`;
const LEADING_DATE = new RegExp(
  String.raw`^(?:${WEEKDAY_WORD},?\s+)?${MONTH_WORD}\s*${DAY}(?:,?\s*\d{4})?(?:\s*\(${WEEKDAY_WORD}\))?` +
    String.raw`(?:\s*[-–]\s*(?:${MONTH_WORD}\s*)?${DAY}(?:,?\s*\d{4})?(?:\s*\(${WEEKDAY_WORD}\))?)?(?=[\s:,(–-]|$)`,
  'i',
);

/** "Jan 30th (Monday) v1.6.0-alpha.1" → { when: "Jan 30th (Monday)", rest: "v1.6.0-alpha.1" }. */
export function splitLeadingDate(text: string): { when: string; rest: string } | null {
  const match = LEADING_DATE.exec(text);
  if (!match) return null;
  const when = match[0].trim();
  try {
    if (parseDateText(when)?.month == null) return null;
  } catch (error) {
    if (error instanceof CellError) return null;
    throw error;
  }
  return {
    when,
    rest: text
      .slice(match[0].length)
      .replace(/^[\s:,–—-]+/, '')
      .trim(),
  };
}

export interface FullDate {
  year: number;
  month: number;
  day: number;
}

export function isRealDate({ year, month, day }: FullDate): boolean {
  return DateTime.utc(year, month, day).isValid;
}

export function isoDate({ year, month, day }: FullDate): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function dayNumber(date: FullDate): number {
  return Date.UTC(date.year, date.month - 1, date.day) / 86_400_000;
}

export function weekdayOf(date: FullDate): number {
  return ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

/**
 * Release 1.N's cycle mostly falls in this year: four releases a year until 1.17, three from 1.18.
 * Only a tie-breaker for documents that name no year.
 */
export function expectedYear(minor: number): number {
  if (minor <= 5) return 2016;
  if (minor <= 17) return 2017 + Math.floor((minor - 6) / 4);
  return 2020 + Math.floor((minor - 18) / 3);
}

interface YearCandidate {
  years: number[];
  mismatches: number;
  mentioned: number;
  distance: number;
}

/**
 * Fills in missing years. Entries are in document order and a release cycle is a few months long, so each
 * yearless date takes the year that puts it nearest the entry before it. The first year, when the text does
 * not give one, is the one that makes the written weekdays true, then a year the document mentions, then
 * the year expected for the release.
 */
export function resolveYears(
  entries: readonly { month: number; day: number; year: number | null; weekday: number | null }[],
  minor: number,
  mentionedYears: ReadonlySet<number>,
): number[] {
  if (entries.length === 0) return [];
  const expected = expectedYear(minor);
  const firstYear = entries[0]!.year;
  const starts = firstYear !== null ? [firstYear] : [expected - 1, expected, expected + 1];
  let best: YearCandidate | null = null;
  for (const start of starts) {
    const years: number[] = [];
    let mismatches = 0;
    let mentioned = 0;
    let previous: FullDate | null = null;
    for (const entry of entries) {
      let year: number;
      if (entry.year !== null) year = entry.year;
      else if (previous === null) year = start;
      else {
        const before: FullDate = previous;
        year = [before.year, before.year + 1, before.year - 1].reduce((bestYear, candidate) =>
          Math.abs(dayNumber({ year: candidate, month: entry.month, day: entry.day }) - dayNumber(before)) <
          Math.abs(dayNumber({ year: bestYear, month: entry.month, day: entry.day }) - dayNumber(before))
            ? candidate
            : bestYear,
        );
      }
      const date = { year, month: entry.month, day: entry.day };
      if (entry.year === null) {
        if (entry.weekday !== null && weekdayOf(date) !== entry.weekday) mismatches++;
        if (mentionedYears.has(year)) mentioned++;
      }
      years.push(year);
      previous = date;
    }
    const candidate = { years, mismatches, mentioned, distance: Math.abs(start - expected) };
    if (
      !best ||
      candidate.mismatches < best.mismatches ||
      (candidate.mismatches === best.mismatches &&
        (candidate.mentioned > best.mentioned ||
          (candidate.mentioned === best.mentioned && candidate.distance < best.distance)))
    ) {
      best = candidate;
    }
  }
  return best!.years;
}

/** An instant as ISO-8601 with the offset of the zone it was given in ("Z" for UTC). */
export function instant(date: FullDate, clock: Clock, zone: NamedZone): DateTime {
  return DateTime.fromObject(
    { ...date, hour: clock.hour, minute: clock.minute, second: clock.second },
    { zone: zone.zone },
  );
}

export function formatInstant(value: DateTime): string {
  return value.toISO({ suppressMilliseconds: true })!;
}

export function utcClockNear(clock: Clock, reference: DateTime): DateTime {
  const utcReference = reference.toUTC();
  const sameDay = instant(
    { year: utcReference.year, month: utcReference.month, day: utcReference.day },
    clock,
    UTC_ZONE,
  );
  return [sameDay.minus({ days: 1 }), sameDay, sameDay.plus({ days: 1 })].reduce((best, option) =>
    Math.abs(option.toMillis() - reference.toMillis()) < Math.abs(best.toMillis() - reference.toMillis())
      ? option
      : best,
  );
}
