import { DateTime } from 'luxon';
import { z } from 'zod';
import { plural } from './answer-builders.ts';
import { memo, memoPair } from './memo.ts';
import { WEEKDAY_NAMES, type Weekday } from './subscription.ts';

export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date like 2024-08-13')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, 'not a real calendar date');
export type IsoDate = z.infer<typeof IsoDate>;

/** An instant with an explicit offset, e.g. 2024-06-14T02:00:00Z or 2024-06-13T19:00:00-07:00. */
export const IsoTimestamp = z.iso.datetime({ offset: true });
export type IsoTimestamp = z.infer<typeof IsoTimestamp>;

/*
 * Calendar days and countdowns, one definition for answers and digests (luxon does the calendar).
 * Days are "YYYY-MM-DD" strings; an instant is a Date or an ISO timestamp. Results are memoised:
 * an answer or a digest tick asks the same few hundred dates again and again.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const PACIFIC_ZONE = 'America/Los_Angeles';

const utcDay = memo(5_000, (isoDate) => DateTime.fromISO(isoDate, { zone: 'utc' }));

let lastInstant = Number.NaN;
let lastDay = '';

/** The calendar day of `now` in UTC, YYYY-MM-DD. Asked many times per answer with the same `now`. */
export function isoDay(now: Date): string {
  const instant = now.getTime();
  if (instant !== lastInstant) {
    lastInstant = instant;
    lastDay = now.toISOString().slice(0, 10);
  }
  return lastDay;
}

/** ISO weekday of a calendar day: 1 = Monday … 7 = Sunday. */
export function weekdayOf(isoDate: string): Weekday {
  return utcDay(isoDate).weekday as Weekday;
}

/** "Tuesday" */
export function weekday(isoDate: string): string {
  return WEEKDAY_NAMES[weekdayOf(isoDate) - 1] ?? '';
}

/** "2024-08-13 (Tuesday)" */
export function formatDate(isoDate: string): string {
  return `${isoDate} (${weekday(isoDate)})`;
}

/** "Wed 2024-07-24" */
export function dayLabel(isoDate: string): string {
  return `${weekday(isoDate).slice(0, 3)} ${isoDate}`;
}

export function addDays(isoDate: string, days: number): string {
  return utcDay(isoDate).plus({ days }).toISODate()!;
}

/** Whole calendar days from one day to another; negative when the second is earlier. */
export const daysBetween = memoPair(50_000, (fromIso, toIso) =>
  Math.round(utcDay(toIso).diff(utcDay(fromIso), 'days').days),
);

/**
 * Calendar months from one day to another, rounded: 2023-02-01 → 2023-04-17 is 3 (2 months and 16 of April's 30 days).
 */
export function monthsBetween(fromIso: string, toIso: string): number {
  return Math.round(utcDay(toIso).diff(utcDay(fromIso), 'months').months);
}

const pacificTime = memo(10_000, (millis) =>
  DateTime.fromMillis(Number(millis), { zone: PACIFIC_ZONE }).setLocale('en-US').toFormat('yyyy-MM-dd HH:mm ZZZZ'),
);

/** The calendar day in Pacific time (where sig-release sets its deadlines) of an ISO instant. */
export function pacificDay(instant: string): string {
  return pacificTime(String(Date.parse(instant))).slice(0, 10);
}

/** A dated thing: a whole day, or an exact instant on it. */
export interface Dated {
  date: string;
  at: string | null;
}

/**
 * "2024-07-24 02:00 UTC (Wednesday; 2024-07-23 19:00 PDT)" for timed events — sig-release deadlines
 * are set in Pacific time — and "2024-07-30 (Tuesday)" for whole days.
 */
export function formatEvent(event: Dated): string {
  return event.at ? timedEvent(event.at) : formatDate(event.date);
}

/** Schedules hold a few hundred distinct deadlines; each is written out once. */
const timedEvent = memo(10_000, (at) => {
  const instant = new Date(at).toISOString();
  const day = instant.slice(0, 10);
  return `${day} ${instant.slice(11, 16)} UTC (${weekday(day)}; ${pacificTime(String(Date.parse(at)))})`;
});

/** An ISO timestamp's instant (ms). Schedules hold a few hundred, asked for by every schedule answer. */
const instantOf = memo(10_000, (at) => Date.parse(at));

/** The instant an event starts: its exact time, or the start of its (UTC) day. */
export function eventInstant(event: Dated): number {
  return event.at ? instantOf(event.at) : Date.parse(`${event.date}T00:00:00Z`);
}

/** Whether an event is still ahead of `now` (a whole-day event counts until its day is over). */
export function isUpcoming(event: Dated, now: Date): boolean {
  return event.at ? instantOf(event.at) > now.getTime() : event.date >= isoDay(now);
}

/** "in 12 days" / "12 days ago" around a text. */
const ahead = (text: string, future: boolean): string => (future ? `in ${text}` : `${text} ago`);

/**
 * From one calendar day to another: "today", "tomorrow", "yesterday", "in 12 days", "3 days ago".
 * Not `precise`, a far day rounds to weeks, calendar months or years ("in 3 weeks", "2 years ago").
 */
export function dayCountdown(fromDay: string, toDay: string, precise = true): string {
  const days = daysBetween(fromDay, toDay);
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  const [earlier, later] = days > 0 ? [fromDay, toDay] : [toDay, fromDay];
  return ahead(precise ? plural(Math.abs(days), 'day') : roundedSpan(earlier, later), days > 0);
}

/**
 * "in 12 days", "3 days ago", "today", "in 5 hours" — relative to `now`. `precise` (countdowns)
 * keeps days and hours instead of rounding to weeks or months.
 */
export function relative(target: Dated, now: Date, precise = false): string {
  if (!target.at) return dayCountdown(isoDay(now), target.date, precise);
  const at = instantOf(target.at);
  return ahead(instantSpan(now, at, precise), at >= now.getTime());
}

/** "5 hours", "2 days 3 hours", "3 weeks": the time between `now` and an instant (ms), either order. */
function instantSpan(now: Date, at: number, precise: boolean): string {
  const millis = Math.abs(at - now.getTime());
  if (millis < DAY_MS) return plural(Math.max(1, Math.round(millis / HOUR_MS)), 'hour');
  const days = Math.floor(millis / DAY_MS);
  const hours = Math.floor((millis % DAY_MS) / HOUR_MS);
  if ((days < 14 || precise) && hours > 0) return `${plural(days, 'day')} ${plural(hours, 'hour')}`;
  if (precise || days < 14) return plural(days, 'day');
  // isoDay is for `now` only: it remembers one instant, asked again and again within an answer.
  const day = new Date(at).toISOString().slice(0, 10);
  return now.getTime() < at ? roundedSpan(isoDay(now), day) : roundedSpan(day, isoDay(now));
}

/** Days under two weeks, weeks under two months, calendar months under two years, then years. */
const roundedSpan = memoPair(50_000, (earlier, later) => {
  const days = daysBetween(earlier, later);
  if (days < 14) return plural(days, 'day');
  if (days < 60) return plural(Math.round(days / 7), 'week');
  if (days < 730) return plural(monthsBetween(earlier, later), 'month');
  return plural(Math.round(utcDay(later).diff(utcDay(earlier), 'years').years), 'year');
});
