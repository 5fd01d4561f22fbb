/** Where the bot serves its calendar feed, and the feed's narrowing parameters. */
export const CALENDAR_PATH = '/calendar.ics';

export const CALENDAR_KINDS = ['freezes', 'releases', 'patches', 'eol'] as const;
export type CalendarKind = (typeof CALENDAR_KINDS)[number];

/** The feed's URL under `publicUrl`, narrowed to one release when given. */
export function calendarUrl(
  publicUrl: string,
  options: { release?: string; kinds?: readonly CalendarKind[] } = {},
): string {
  const url = new URL(CALENDAR_PATH.slice(1), publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`);
  if (options.release) url.searchParams.set('release', options.release);
  if (options.kinds && options.kinds.length > 0) url.searchParams.set('kinds', options.kinds.join(','));
  return url.toString().replace(/%2C/g, ',');
}
