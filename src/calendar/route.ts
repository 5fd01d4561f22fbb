import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SnapshotSource } from '../live/snapshot.ts';
import { calendarEntries, type CalendarFilter } from './events.ts';
import { CALENDAR_KINDS, type CalendarKind } from './link.ts';

type Parsed = { ok: true; filter: CalendarFilter } | { ok: false; problem: string };

/** `?release=1.37&kinds=freezes,releases`; each problem names the parameter and what it accepts. */
export function parseCalendarQuery(search: URLSearchParams, knownVersions: ReadonlySet<string>): Parsed {
  const release = search.get('release')?.trim().replace(/^v/, '');
  if (release !== undefined && release !== '' && !knownVersions.has(release)) {
    return {
      ok: false,
      problem: `release: the data has nothing for ${JSON.stringify(release.slice(0, 20))}; use a minor such as 1.37`,
    };
  }
  const kindsText = search.get('kinds');
  const kinds = kindsText
    ? kindsText
        .split(',')
        .map((kind) => kind.trim().toLowerCase())
        .filter(Boolean)
    : [...CALENDAR_KINDS];
  const unknown = kinds.find((kind) => !(CALENDAR_KINDS as readonly string[]).includes(kind));
  if (unknown !== undefined || kinds.length === 0) {
    return {
      ok: false,
      problem: `kinds: ${JSON.stringify((unknown ?? '').slice(0, 20))} is not one of ${CALENDAR_KINDS.join(', ')}`,
    };
  }
  return { ok: true, filter: { ...(release ? { release } : {}), kinds: new Set(kinds as CalendarKind[]) } };
}

/** The ICS writer (ical-generator) loads at the first calendar request, not at the bot's start-up. */
let icsModule: Promise<typeof import('./ics.ts')> | undefined;

/** GET /calendar.ics from the current snapshot. */
export function calendarRoute(data: SnapshotSource) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    icsModule ??= import('./ics.ts');
    const { renderCalendar } = await icsModule;
    const { dataset } = data.current();
    const url = new URL(request.url ?? '/', 'http://bot');
    const known = new Set([...dataset.releases.map((r) => r.version), ...dataset.schedules.map((s) => s.version)]);
    const parsed = parseCalendarQuery(url.searchParams, known);
    if (!parsed.ok) {
      response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end(`${parsed.problem}\n`);
      return;
    }
    const name = parsed.filter.release ? `Kubernetes ${parsed.filter.release} release` : 'Kubernetes releases';
    const body = renderCalendar(calendarEntries(dataset, parsed.filter), dataset.manifest, name);
    response
      .writeHead(200, {
        'content-type': 'text/calendar; charset=utf-8',
        'content-disposition': 'inline; filename="kubernetes-releases.ics"',
      })
      .end(request.method === 'HEAD' ? undefined : body);
  };
}
