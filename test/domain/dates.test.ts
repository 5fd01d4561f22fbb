import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayCountdown,
  dayLabel,
  daysBetween,
  formatEvent,
  monthsBetween,
  pacificDay,
  relative,
  weekdayOf,
} from '../../src/domain/dates.ts';
import { localDate } from '../../src/digest/time.ts';

const at = (iso: string) => new Date(iso);

describe('dayCountdown: from one calendar day to another', () => {
  it('says today, tomorrow and yesterday for the nearest days', () => {
    expect(dayCountdown('2024-07-24', '2024-07-24')).toBe('today');
    expect(dayCountdown('2024-07-23', '2024-07-24')).toBe('tomorrow');
    expect(dayCountdown('2024-07-25', '2024-07-24')).toBe('yesterday');
  });

  it('counts days ahead and days past', () => {
    expect(dayCountdown('2024-07-17', '2024-07-24')).toBe('in 7 days');
    expect(dayCountdown('2024-07-24', '2024-07-17')).toBe('7 days ago');
  });

  it('counts across month ends and a leap day', () => {
    expect(dayCountdown('2024-01-31', '2024-03-01')).toBe('in 30 days');
    expect(dayCountdown('2023-02-28', '2023-03-01')).toBe('tomorrow');
    expect(dayCountdown('2024-02-28', '2024-03-01')).toBe('in 2 days');
  });

  it('rounds far days to weeks, calendar months and years when not precise', () => {
    expect(dayCountdown('2024-07-01', '2024-07-13', false)).toBe('in 12 days');
    expect(dayCountdown('2024-07-01', '2024-07-22', false)).toBe('in 3 weeks');
    expect(dayCountdown('2024-01-31', '2024-07-31', false)).toBe('in 6 months');
    expect(dayCountdown('2026-11-21', '2024-07-24', false)).toBe('2 years ago');
  });
});

describe('relative: an event, whole day or exact instant, against now', () => {
  it('reads a whole-day event by the UTC day of now', () => {
    expect(relative({ date: '2024-07-24', at: null }, at('2024-07-24T23:59:00Z'))).toBe('today');
    expect(relative({ date: '2024-07-24', at: null }, at('2024-07-23T23:59:00Z'))).toBe('tomorrow');
  });

  it('counts hours under a day, and never "in 0 hours"', () => {
    expect(relative({ date: '2024-07-24', at: '2024-07-24T02:00:00Z' }, at('2024-07-23T21:00:00Z'))).toBe('in 5 hours');
    expect(relative({ date: '2024-07-24', at: '2024-07-24T02:00:00Z' }, at('2024-07-24T01:59:00Z'))).toBe('in 1 hour');
    expect(relative({ date: '2024-07-24', at: '2024-07-24T02:00:00Z' }, at('2024-07-24T05:00:00Z'))).toBe(
      '3 hours ago',
    );
  });

  it('keeps days and hours for a countdown, and rounds a far instant when not precise', () => {
    const freeze = { date: '2024-11-08', at: '2024-11-08T02:00:00Z' };
    expect(relative(freeze, at('2024-10-01T00:00:00Z'), true)).toBe('in 38 days 2 hours');
    expect(relative(freeze, at('2024-10-01T00:00:00Z'))).toBe('in 5 weeks');
    expect(relative(freeze, at('2024-09-01T00:00:00Z'))).toBe('in 2 months');
    expect(relative(freeze, at('2026-11-21T00:00:00Z'))).toBe('2 years ago');
  });

  it('counts the real hours across a daylight-saving change (UTC instants never skip)', () => {
    // Berlin springs forward on 2026-03-29: 24 elapsed hours, whatever the local clocks say.
    expect(relative({ date: '2026-03-29', at: '2026-03-29T12:00:00Z' }, at('2026-03-28T12:00:00Z'), true)).toBe(
      'in 1 day',
    );
  });
});

describe('calendar days', () => {
  it('adds days over month and year ends', () => {
    expect(addDays('2024-01-31', 1)).toBe('2024-02-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('counts whole days across a daylight-saving change', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
  });

  it('counts calendar months, not 30.44-day ones', () => {
    expect(monthsBetween('2024-08-13', '2025-10-28')).toBe(14);
    // 75 days: 2.46 months of 30.44 days, but two calendar months and 16 of April's 30 days.
    expect(monthsBetween('2023-02-01', '2023-04-17')).toBe(3);
    expect(dayCountdown('2023-02-01', '2023-04-17', false)).toBe('in 3 months');
  });

  it('names weekdays with ISO numbering', () => {
    expect(weekdayOf('2024-07-22')).toBe(1);
    expect(weekdayOf('2024-07-28')).toBe(7);
    expect(dayLabel('2024-07-24')).toBe('Wed 2024-07-24');
  });
});

describe('time zones', () => {
  it('writes a deadline in UTC and in Pacific time, PST or PDT by the date', () => {
    expect(formatEvent({ date: '2024-07-24', at: '2024-07-24T02:00:00Z' })).toBe(
      '2024-07-24 02:00 UTC (Wednesday; 2024-07-23 19:00 PDT)',
    );
    expect(formatEvent({ date: '2024-03-08', at: '2024-03-08T02:00:00Z' })).toBe(
      '2024-03-08 02:00 UTC (Friday; 2024-03-07 18:00 PST)',
    );
    expect(pacificDay('2024-07-24T02:00:00Z')).toBe('2024-07-23');
  });

  it('gives the local day of an instant on both sides of a daylight-saving change', () => {
    expect(localDate(at('2026-03-28T22:59:00Z'), 'Europe/Berlin')).toBe('2026-03-28');
    expect(localDate(at('2026-03-28T23:00:00Z'), 'Europe/Berlin')).toBe('2026-03-29');
    // After the change Berlin is UTC+2: 22:00 UTC is already the next day.
    expect(localDate(at('2026-03-29T22:00:00Z'), 'Europe/Berlin')).toBe('2026-03-30');
    expect(dayCountdown(localDate(at('2026-03-28T23:30:00Z'), 'Europe/Berlin'), '2026-03-29')).toBe('today');
  });
});
