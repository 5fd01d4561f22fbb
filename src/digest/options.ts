import {
  combineKinds,
  DEFAULT_RELEASE_EVENTS,
  DIGEST_KINDS,
  WEEKDAY_NAMES,
  type DigestKind,
  type ReleaseAlertFilter,
  type ReleaseEvent,
  type Weekday,
} from '../domain/subscription.ts';
import { canonicalZone, parseTimeOfDay } from './time.ts';
import { MASS_MENTION, PLATFORM_TOKEN } from '../domain/mentions.ts';
import { withoutHiddenCharacters } from '../domain/unsafe-text.ts';
import { entryOf } from '../domain/lookup.ts';

export interface SubscribeOptions {
  kind?: DigestKind;
  releases?: ReleaseAlertFilter;
  time?: string;
  timeZone?: string;
  weekday?: Weekday;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

/** The grammar other adapters show their users; keep it in step with the parser below. */
const RECEIVES_CHOICES = [...DIGEST_KINDS, 'releases'].join('|');
export const SUBSCRIBE_USAGE = `subscribe [${RECEIVES_CHOICES}] [HH:MM] [time zone] [weekday]`;
export const UNSUBSCRIBE_USAGE = `unsubscribe [${RECEIVES_CHOICES}]`;
export const RELEASES_USAGE = 'subscribe releases [minors|patches|schedules|eol|prereleases] [1.34 1.35 …]';

export const ACCEPTED_LINES: readonly string[] = [
  `Usage: ${SUBSCRIBE_USAGE}, options in any order.`,
  'Kind: milestones (freeze and release-day reminders, end-of-life warnings), weekly (a digest) or both (default).',
  'Time: 24-hour HH:MM in the channel’s time zone, e.g. 09:00 (default) or 17:30.',
  'Time zone: an IANA name such as Europe/Berlin, America/New_York or Asia/Tokyo, or UTC (default).',
  'Weekday for the weekly digest: Monday (default) … Sunday, or mon … sun.',
  `Release alerts after each data refresh: ${RELEASES_USAGE} (new minors, patches, schedules and ` +
    'end-of-life changes by default; versions narrow it to those minors’ patches; pre-releases only when asked).',
  'Example: subscribe weekly 08:30 Europe/Berlin friday',
  `To stop: ${UNSUBSCRIBE_USAGE}`,
];

const KIND_WORDS: Record<string, DigestKind> = {
  milestones: 'milestones',
  milestone: 'milestones',
  reminders: 'milestones',
  reminder: 'milestones',
  weekly: 'weekly',
  digest: 'weekly',
  both: 'both',
  all: 'both',
};

const WEEKDAY_WORDS = new Map<string, Weekday>(
  WEEKDAY_NAMES.flatMap((name, index) => {
    const day = (index + 1) as Weekday;
    const lower = name.toLowerCase();
    return [
      [lower, day],
      [`${lower}s`, day],
      [lower.slice(0, 3), day],
    ] as Array<[string, Weekday]>;
  }),
);
const RELEASES_WORDS = new Set(['releases', 'release', 'alerts']);
const RELEASE_EVENT_WORDS: Record<string, ReleaseEvent> = {
  minors: 'minor',
  minor: 'minor',
  patches: 'patch',
  patch: 'patch',
  schedules: 'schedule',
  schedule: 'schedule',
  eol: 'eol',
  prereleases: 'pre-release',
  'pre-releases': 'pre-release',
  prerelease: 'pre-release',
  'pre-release': 'pre-release',
};
const MINOR_TOKEN = /^v?1\.(\d{1,2})$/i;

/** The release-alert words of `subscribe …`, or undefined when none was given. */
function releaseFilterOf(tokens: readonly string[]): ReleaseAlertFilter | undefined {
  const asked = new Set<ReleaseEvent>();
  const versions = new Set<string>();
  let mentioned = false;
  for (const token of tokens) {
    const word = token.toLowerCase();
    const event = entryOf(RELEASE_EVENT_WORDS, word);
    const minor = MINOR_TOKEN.exec(token);
    if (event) asked.add(event);
    else if (minor) versions.add(`1.${Number(minor[1])}`);
    else if (!RELEASES_WORDS.has(word)) continue;
    mentioned = true;
  }
  if (!mentioned) return undefined;
  const named = [...asked].filter((event) => event !== 'pre-release');
  const base: readonly ReleaseEvent[] =
    named.length > 0 ? named : versions.size > 0 ? ['patch'] : DEFAULT_RELEASE_EVENTS;
  const events = [...new Set([...base, ...(asked.has('pre-release') ? (['pre-release'] as const) : [])])];
  return { events, versions: [...versions].sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1])) };
}

function isReleaseToken(token: string): boolean {
  const word = token.toLowerCase();
  return RELEASES_WORDS.has(word) || entryOf(RELEASE_EVENT_WORDS, word) !== undefined || MINOR_TOKEN.test(token);
}

WEEKDAY_WORDS.set('tues', 2).set('wed', 3).set('thur', 4).set('thurs', 4);

/** A user's token, safe to quote back: no mentions, no control characters, bounded. */
function quoteToken(token: string): string {
  const cleaned = withoutHiddenCharacters(token)
    .replace(MASS_MENTION, '')
    .replace(PLATFORM_TOKEN, '')
    .replace(/[@＠<>]/g, '')
    .slice(0, 40);
  return `“${cleaned || '…'}”${token.length > 40 ? '…' : ''}`;
}

const TIME_OF_DAY_HINT = 'Use 24-hour HH:MM from 00:00 to 23:59, e.g. 09:00 or 17:30.';
const TIME_ZONE_HINT = 'Use an IANA time zone name such as Europe/Berlin or America/New_York, or UTC.';

const tokensOf = (args: string): string[] => args.split(/[\s,]+/u).filter(Boolean);

function looksLikeTime(token: string): boolean {
  return (
    /^\d{1,2}(?::\d{1,2})+$/.test(token) ||
    /^\d{1,2}(?::\d{2})?\s*(?:am|pm)$/i.test(token) ||
    /^\d{1,2}h\d{0,2}$/i.test(token)
  );
}

function looksLikeZone(token: string): boolean {
  return token.includes('/') || /^(?:utc|gmt)[+-]/i.test(token);
}

/** Parses `subscribe` options; each problem names the token and what is accepted instead. */
export function parseSubscribeOptions(args: string): Parsed<SubscribeOptions> {
  const options: SubscribeOptions = {};
  const tokens = tokensOf(args);
  const releases = releaseFilterOf(tokens);
  if (releases) options.releases = releases;
  for (const token of tokens) {
    if (isReleaseToken(token)) continue;
    const word = token.toLowerCase();
    const kind = entryOf(KIND_WORDS, word);
    if (kind) {
      options.kind = combineKinds(options.kind, kind);
      continue;
    }
    const weekday = WEEKDAY_WORDS.get(word);
    if (weekday) {
      if (options.weekday && options.weekday !== weekday)
        return { ok: false, problem: 'Give one weekday for the weekly digest, not two.' };
      options.weekday = weekday;
      continue;
    }
    if (looksLikeTime(token)) {
      const time = parseTimeOfDay(token);
      if (!time)
        return {
          ok: false,
          problem: `${quoteToken(token)} is not a time of day. ${TIME_OF_DAY_HINT}`,
        };
      const normalised = `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;
      if (options.time && options.time !== normalised) return { ok: false, problem: 'Give one time of day, not two.' };
      options.time = normalised;
      continue;
    }
    const zone = canonicalZone(token);
    if (zone) {
      if (options.timeZone && options.timeZone !== zone) return { ok: false, problem: 'Give one time zone, not two.' };
      options.timeZone = zone;
      continue;
    }
    if (looksLikeZone(token)) {
      return {
        ok: false,
        problem: `Unknown time zone ${quoteToken(token)}. ${TIME_ZONE_HINT}`,
      };
    }
    return {
      ok: false,
      problem:
        `Unknown option ${quoteToken(token)}. Accepted: a kind (milestones, weekly, both or releases), ` +
        'a time HH:MM, an IANA time zone or UTC, and a weekday.',
    };
  }
  return { ok: true, value: options };
}

export interface UnsubscribeOptions {
  /** The digests to stop, if any. */
  kind: DigestKind | null;
  releases: boolean;
}

/** Parses `unsubscribe` options: kinds to stop, default everything. */
export function parseUnsubscribeOptions(args: string): Parsed<UnsubscribeOptions> {
  let kind: DigestKind | undefined;
  let releases = false;
  const tokens = tokensOf(args);
  for (const token of tokens) {
    const word = token.toLowerCase();
    const found = entryOf(KIND_WORDS, word);
    if (RELEASES_WORDS.has(word) || word === 'all') releases = true;
    if (found) kind = combineKinds(kind, found);
    else if (RELEASES_WORDS.has(word)) continue;
    else
      return {
        ok: false,
        problem: `Unknown option ${quoteToken(token)}. Use ${UNSUBSCRIBE_USAGE} (default everything).`,
      };
  }
  if (tokens.length === 0) return { ok: true, value: { kind: 'both', releases: true } };
  return { ok: true, value: { kind: kind ?? null, releases } };
}
