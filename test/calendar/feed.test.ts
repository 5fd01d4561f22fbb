import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import ical, { type VEvent } from 'node-ical';
import { afterEach, describe, expect, it } from 'vitest';
import { calendarRoute } from '../../src/calendar/route.ts';
import { LiveData } from '../../src/live/snapshot.ts';
import { cycle131, dataset, event, release, schedule } from '../digest/fixtures.ts';

const cycle137 = schedule('1.37', [
  event('enhancements-freeze', '2026-06-12', { at: '2026-06-13T00:00:00Z' }),
  event('code-freeze', '2026-07-23', { at: '2026-07-24T02:00:00Z' }),
  event('docs-freeze', '2026-08-04'),
  event('rc', '2026-08-04', { build: '1.37.0-rc.0' }),
  event('release', '2026-08-19'),
]);
const data = dataset({
  schedules: [cycle131, cycle137],
  releases: [
    release('1.31', {
      gaDate: '2024-08-13',
      eolDate: '2025-10-28',
      patches: [{ version: '1.31.4', date: '2024-12-10' }],
    }),
    release('1.36', {
      gaDate: '2026-04-22',
      eolDate: '2027-06-28',
      patches: [{ version: '1.36.4', date: '2026-08-20' }],
    }),
  ],
});

let server: Server | null = null;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = null;
});

async function serve(
  live: LiveData,
): Promise<(query?: string) => Promise<{ status: number; type: string | null; text: string }>> {
  const route = calendarRoute(live);
  server = createServer((request, response) => void route(request, response));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return async (query = '') => {
    const response = await fetch(`http://127.0.0.1:${port}/calendar.ics${query}`);
    return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
  };
}

const eventsOf = (text: string): VEvent[] =>
  Object.values(ical.sync.parseICS(text)).filter((component): component is VEvent => component?.type === 'VEVENT');

describe('GET /calendar.ics', () => {
  it('serves every milestone, release day, patch and end of life with stable UIDs, exact times in UTC', async () => {
    const get = await serve(new LiveData(data, 'test'));
    const feed = await get();
    expect(feed.status).toBe(200);
    expect(feed.type).toContain('text/calendar');
    const events = eventsOf(feed.text);
    const uids = events.map((e) => e.uid).sort();
    expect(uids).toContain('1.37-code-freeze@k8s-release-bot');
    expect(uids).toContain('1.37-1.37.0-rc.0@k8s-release-bot');
    expect(uids).toContain('1.37-release@k8s-release-bot');
    expect(uids).toContain('patch-1.36.4@k8s-release-bot');
    expect(uids).toContain('1.36-eol@k8s-release-bot');
    expect(uids).toContain('1.36-release@k8s-release-bot');
    expect(new Set(uids).size).toBe(uids.length);
    const codeFreeze = events.find((e) => e.uid === '1.37-code-freeze@k8s-release-bot')!;
    expect(codeFreeze.start.toISOString()).toBe('2026-07-24T02:00:00.000Z');
    expect(feed.text).toMatch(/DTSTART:20260724T020000Z/);
    const eol = events.find((e) => e.uid === '1.36-eol@k8s-release-bot')!;
    expect(eol.datetype).toBe('date');
    expect(feed.text).toMatch(/DTSTART;VALUE=DATE:20270628/);
  });

  it('?release and ?kinds narrow it; a bad parameter is a 400 naming it', async () => {
    const get = await serve(new LiveData(data, 'test'));
    const only137 = eventsOf((await get('?release=1.37&kinds=freezes')).text);
    expect(only137.map((e) => e.uid)).toEqual([
      '1.37-enhancements-freeze@k8s-release-bot',
      '1.37-code-freeze@k8s-release-bot',
      '1.37-docs-freeze@k8s-release-bot',
    ]);
    expect(
      eventsOf((await get('?kinds=patches,eol')).text)
        .map((e) => e.uid)
        .sort(),
    ).toEqual([
      '1.31-eol@k8s-release-bot',
      '1.36-eol@k8s-release-bot',
      'patch-1.31.4@k8s-release-bot',
      'patch-1.36.4@k8s-release-bot',
    ]);
    expect(await get('?kinds=meetings')).toMatchObject({
      status: 400,
      text: expect.stringContaining('kinds: "meetings" is not one of freezes, releases, patches, eol'),
    });
    expect(await get('?release=1.99')).toMatchObject({
      status: 400,
      text: expect.stringContaining('release: the data has nothing for "1.99"'),
    });
  });

  it('a refresh that moves a date updates the same UID (and its DTSTAMP), and replicas serve identical bytes', async () => {
    const live = new LiveData(data, 'test');
    const get = await serve(live);
    const before = await get('?release=1.37');
    expect(await get('?release=1.37')).toEqual(before);
    const moved = cycle137.events.map((e) =>
      e.kinds.includes('code-freeze') ? { ...e, date: '2026-07-30', at: '2026-07-31T02:00:00Z' } : e,
    );
    live.swap(
      {
        ...data,
        manifest: { ...data.manifest, generatedAt: '2026-07-20T00:00:00.000Z' },
        schedules: [cycle131, { ...cycle137, events: moved }],
      },
      'refresh',
    );
    const after = eventsOf((await get('?release=1.37')).text);
    const previous = eventsOf(before.text);
    expect(after.map((e) => e.uid)).toEqual(previous.map((e) => e.uid));
    const freeze = after.find((e) => e.uid === '1.37-code-freeze@k8s-release-bot')!;
    expect(freeze.start.toISOString()).toBe('2026-07-31T02:00:00.000Z');
    expect(freeze.dtstamp!.getTime()).toBeGreaterThan(previous.find((e) => e.uid === freeze.uid)!.dtstamp!.getTime());
  });
});

describe('asking for the calendar (the calendar kind)', () => {
  it('answers with the feed link under PUBLIC_URL, narrowed to a release when one is named', () => {
    const live = new LiveData(data, 'test', { publicUrl: 'https://bot.example.com/k8s' });
    const all = live.current().engine.answer('calendar', new Date('2026-07-01T00:00:00Z'));
    expect(all.intent).toBe('calendar');
    expect(all.links).toEqual([{ label: 'Calendar feed', url: 'https://bot.example.com/k8s/calendar.ics' }]);
    const one = live.current().engine.answer('add 1.37 to my calendar', new Date('2026-07-01T00:00:00Z'));
    expect(one).toMatchObject({
      intent: 'calendar',
      release: '1.37',
      links: [{ url: 'https://bot.example.com/k8s/calendar.ics?release=1.37' }],
    });
  });

  it('without PUBLIC_URL says how to enable the link', () => {
    const answer = new LiveData(data, 'test')
      .current()
      .engine.answer('ical feed for 1.37', new Date('2026-07-01T00:00:00Z'));
    expect(answer.intent).toBe('calendar');
    expect(answer.links).toEqual([]);
    expect(answer.summary).toContain('/calendar.ics?release=1.37');
    expect(answer.summary).toContain('set PUBLIC_URL');
  });

  it('lists the patch schedule: planned patches and their cherry-pick deadlines, shipped ones once', async () => {
    const patchSchedule = {
      lastDate: '2026-09-09',
      lastListedPatch: '2026-08-20',
      upcoming: [],
      entries: [
        {
          version: '1.36.4',
          minor: '1.36',
          cherryPickDeadline: '2026-08-14',
          targetDate: '2026-08-20',
          listedAs: 'previous' as const,
          note: null,
        },
        {
          version: '1.36.5',
          minor: '1.36',
          cherryPickDeadline: '2026-09-05',
          targetDate: '2026-09-09',
          listedAs: 'next' as const,
          note: null,
        },
      ],
    };
    const get = await serve(new LiveData({ ...data, patchSchedule }, 'test'));
    const events = eventsOf((await get('?kinds=patches')).text);
    const uids = events.map((e) => e.uid);
    expect(new Set(uids).size).toBe(uids.length);
    expect(uids.filter((u) => u === 'patch-1.36.4@k8s-release-bot')).toHaveLength(1);
    const planned = events.find((e) => e.uid === 'patch-1.36.5@k8s-release-bot')!;
    expect(planned.summary).toContain('planned');
    const deadline = events.find((e) => e.uid === 'cherry-pick-1.36.5@k8s-release-bot')!;
    expect(deadline.start.toISOString().slice(0, 10)).toBe('2026-09-05');
  });
});
