import { z } from 'zod';
import { CALENDAR_PATH, calendarUrl } from '../../calendar/link.ts';
import { makeAnswer, section } from '../../domain/answer-builders.ts';
import { ParseNotes, VersionRef } from '../refs.ts';
import { type QuestionKind, SCORE, words } from './kind.ts';

export const CalendarQuery = z.object({
  kind: z.literal('calendar'),
  version: VersionRef.nullable(),
  notes: ParseNotes,
});
export type CalendarQuery = z.infer<typeof CalendarQuery>;

const CUE = /\b(calendars?|ical|icalendar|ics|webcal)\b/;

/** "calendar", "add 1.37 to my calendar": the link to the bot's calendar feed (GET /calendar.ics). */
export const calendarKind: QuestionKind<CalendarQuery> = {
  schema: CalendarQuery,
  kind: 'calendar',
  intent: 'calendar',
  recognize: (question) =>
    question.has(CUE) ? { score: SCORE.certain, query: { kind: 'calendar', version: question.version } } : null,
  answer: (query, index) => {
    const minor = query.version?.kind === 'exact' ? query.version.minor : null;
    const known = minor !== null && (index.releaseByVersion.has(minor) || index.scheduleByVersion.has(minor));
    const release = known ? minor : undefined;
    const what = release ? `Kubernetes ${release}` : 'every Kubernetes release';
    const unknownNote =
      minor !== null && !known ? [`The data has nothing for ${minor}; this is the feed of every release.`] : [];
    const narrowing = section('Narrow it', {
      lines: [
        '?release=1.37 — one release cycle',
        '?kinds=freezes,releases,patches,eol — only those kinds of dates',
        ...unknownNote,
      ],
    });
    if (!index.publicUrl) {
      return makeAnswer(index.footer, {
        intent: 'calendar',
        title: 'Calendar feed',
        summary:
          `The bot serves a calendar of ${what} at ${CALENDAR_PATH}${release ? `?release=${release}` : ''} ` +
          'on its HTTP port, ' +
          'but has no public address to link to: set PUBLIC_URL (e.g. https://bot.example.com) and ask again.',
        release: release ?? null,
        sections: [narrowing],
      });
    }
    const url = calendarUrl(index.publicUrl, release ? { release } : {});
    return makeAnswer(index.footer, {
      intent: 'calendar',
      title: release ? `Kubernetes ${release} in your calendar` : 'Kubernetes releases in your calendar',
      summary:
        `Subscribe to ${url} in your calendar app (Google Calendar: Other calendars → From URL) for ${what}: ` +
        'freezes, release days, patches and end-of-life dates, updated as upstream moves them.',
      release: release ?? null,
      links: [{ label: release ? `${release} calendar feed` : 'Calendar feed', url }],
      sections: [narrowing],
    });
  },
  examples: ['calendar / add 1.37 to my calendar'],
  vocabulary: words('calendar calendars ical icalendar ics webcal'),
};
