import ical, { ICalCalendarMethod } from 'ical-generator';
import type { Dataset } from '../domain/dataset.ts';
import type { CalendarEntry } from './events.ts';

const HOUR_MS = 3_600_000;

/**
 * The RFC 5545 text of `entries`. DTSTAMP is the data's own generation time, not the clock, so every
 * replica serves byte-identical feeds for the same data, and a refresh that moves a date changes DTSTAMP
 * along with DTSTART on the same UID: clients update the event instead of adding one.
 */
export function renderCalendar(entries: readonly CalendarEntry[], manifest: Dataset['manifest'], name: string): string {
  const stamp = new Date(manifest.generatedAt);
  const calendar = ical({
    name,
    prodId: { company: 'k8s-release-bot', product: 'release-calendar', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 6 * 3600,
  });
  for (const entry of entries) {
    const timed = 'at' in entry.start;
    const start = 'at' in entry.start ? new Date(entry.start.at) : new Date(`${entry.start.date}T00:00:00Z`);
    calendar.createEvent({
      id: entry.uid,
      summary: entry.summary,
      description: entry.description,
      url: entry.url,
      start,
      end: timed ? new Date(start.getTime() + HOUR_MS) : new Date(start.getTime() + 24 * HOUR_MS),
      allDay: !timed,
      stamp,
      lastModified: stamp,
      categories: [{ name: entry.kind }],
    });
  }
  return calendar.toString();
}
