import { DateTime, IANAZone } from 'luxon';
import { memo } from '../domain/memo.ts';

/** "HH:MM", 24-hour. */
const TIME_OF_DAY = /^([01]?\d|2[0-3]):([0-5]\d)$/;

export function parseTimeOfDay(time: string): { hour: number; minute: number } | null {
  const match = TIME_OF_DAY.exec(time.trim());
  return match ? { hour: Number(match[1]), minute: Number(match[2]) } : null;
}

const canonicalZoneMemo = memo(1_000, (name) => resolveZone(name));

/** Canonical zone name ("europe/berlin" → "Europe/Berlin"), or null when neither IANA nor UTC. */
export function canonicalZone(name: string): string | null {
  return canonicalZoneMemo(name);
}

function resolveZone(name: string): string | null {
  const trimmed = name.trim();
  if (/^(utc|etc\/utc|gmt|z|zulu)$/i.test(trimmed)) return 'UTC';
  if (!IANAZone.isValidZone(trimmed)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: trimmed }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/**
 * The instant a subscription's local "HH:MM" falls on a calendar date in its zone. A time skipped by a
 * spring-forward change moves forward by the gap (02:30 → 03:30); a repeated one picks one of the two.
 */
export function localSlot(isoDate: string, time: string, zone: string): DateTime {
  return DateTime.fromMillis(localSlotMillis(isoDate, time, zone), { zone });
}

/** `localSlot` as epoch milliseconds (cheap: memoised). */
export function localSlotMillis(isoDate: string, time: string, zone: string): number {
  return slotMillis(`${isoDate}|${time}|${zone}`);
}

const slotMillis = memo(50_000, (key) => {
  const [isoDate, time, zone] = key.split('|') as [string, string, string];
  const parsed = parseTimeOfDay(time);
  if (!parsed) throw new Error(`not a time of day: ${JSON.stringify(time)}`);
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const slot = DateTime.fromObject({ year, month, day, hour: parsed.hour, minute: parsed.minute }, { zone });
  if (!slot.isValid)
    throw new Error(`cannot place ${time} on ${isoDate} in ${zone}: ${slot.invalidExplanation ?? slot.invalidReason}`);
  return slot.toMillis();
});

/**
 * The calendar date of an instant in a zone, "YYYY-MM-DD" (memoised: every tick asks it per subscription and
 * milestone).
 */
export function localDate(instant: Date, zone: string): string {
  return localDateOf(`${instant.getTime()}|${zone}`);
}

const localDateOf = memo(50_000, (key) => {
  const [millis, zone] = key.split('|') as [string, string];
  return DateTime.fromMillis(Number(millis), { zone }).toISODate()!;
});

const zoneNameFormatter = memo(2_000, (key) => {
  const [locale, zone] = key.split('|') as [string, string];
  return new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'short' });
});

/**
 * The short name of a zone at an instant: "CEST", "EDT", "UTC", else an offset like "GMT+9".
 * US English names American zones; British English names European ones.
 */
export function zoneAbbreviation(instant: Date, zone: string): string {
  if (zone === 'UTC') return 'UTC';
  let fallback = zone;
  for (const locale of ['en-US', 'en-GB']) {
    const name = zoneNameFormatter(`${locale}|${zone}`)
      .formatToParts(instant)
      .find((part) => part.type === 'timeZoneName')?.value;
    if (!name) continue;
    if (!/^GMT[+-]/.test(name)) return name;
    fallback = name;
  }
  return fallback;
}

/** ISO week of an instant in a zone, e.g. "2024-W29". */
export function isoWeek(instant: Date, zone: string): string {
  const local = DateTime.fromJSDate(instant, { zone });
  return `${local.weekYear}-W${String(local.weekNumber).padStart(2, '0')}`;
}
