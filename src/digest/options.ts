import { combineKinds, WEEKDAY_NAMES, type DigestKind, type Weekday } from '../domain/subscription.ts';
import { canonicalZone, parseTimeOfDay } from './time.ts';
import { MASS_MENTION, PLATFORM_TOKEN } from '../domain/mentions.ts';

export interface SubscribeOptions {
  kind?: DigestKind;
  time?: string;
  timeZone?: string;
  weekday?: Weekday;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

/** The grammar other adapters show their users; keep it in step with the parser below. */
export const SUBSCRIBE_USAGE = 'subscribe [milestones|weekly|both] [HH:MM] [time zone] [weekday]';
export const UNSUBSCRIBE_USAGE = 'unsubscribe [milestones|weekly|both]';

export const ACCEPTED_LINES: readonly string[] = [
  `Usage: ${SUBSCRIBE_USAGE}, options in any order.`,
  'Kind: milestones (freeze and release-day reminders, end-of-life warnings), weekly (a digest) or both (default).',
  'Time: 24-hour HH:MM in the channel’s time zone, e.g. 09:00 (default) or 17:30.',
  'Time zone: an IANA name such as Europe/Berlin, America/New_York or Asia/Tokyo, or UTC (default).',
  'Weekday for the weekly digest: Monday (default) … Sunday, or mon … sun.',
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
WEEKDAY_WORDS.set('tues', 2).set('wed', 3).set('thur', 4).set('thurs', 4);

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2060-\u2069\ufeff]/gu;

/** A user's token, safe to quote back: no mentions, no control characters, bounded. */
function quoteToken(token: string): string {
  const cleaned = token.replace(MASS_MENTION, '').replace(PLATFORM_TOKEN, '').replace(CONTROL, '').replace(/[@＠<>]/g, '').slice(0, 40);
  return `“${cleaned || '…'}”${token.length > 40 ? '…' : ''}`;
}

const tokensOf = (args: string): string[] => args.split(/[\s,]+/u).filter(Boolean);

function looksLikeTime(token: string): boolean {
  return /^\d{1,2}(?::\d{1,2})+$/.test(token) || /^\d{1,2}(?::\d{2})?\s*(?:am|pm)$/i.test(token) || /^\d{1,2}h\d{0,2}$/i.test(token);
}

function looksLikeZone(token: string): boolean {
  return token.includes('/') || /^(?:utc|gmt)[+-]/i.test(token);
}

/** Parses `subscribe` options; each problem names the token and what is accepted instead. */
export function parseSubscribeOptions(args: string): Parsed<SubscribeOptions> {
  const options: SubscribeOptions = {};
  for (const token of tokensOf(args)) {
    const word = token.toLowerCase();
    const kind = KIND_WORDS[word];
    if (kind) {
      options.kind = combineKinds(options.kind, kind);
      continue;
    }
    const weekday = WEEKDAY_WORDS.get(word);
    if (weekday) {
      if (options.weekday && options.weekday !== weekday) return { ok: false, problem: 'Give one weekday for the weekly digest, not two.' };
      options.weekday = weekday;
      continue;
    }
    if (looksLikeTime(token)) {
      const time = parseTimeOfDay(token);
      if (!time) return { ok: false, problem: `${quoteToken(token)} is not a time of day. Use 24-hour HH:MM from 00:00 to 23:59, e.g. 09:00 or 17:30.` };
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
      return { ok: false, problem: `Unknown time zone ${quoteToken(token)}. Use an IANA time zone name such as Europe/Berlin or America/New_York, or UTC.` };
    }
    return {
      ok: false,
      problem: `Unknown option ${quoteToken(token)}. Accepted: a kind (milestones, weekly or both), a time HH:MM, an IANA time zone or UTC, and a weekday.`,
    };
  }
  return { ok: true, value: options };
}

/** Parses `unsubscribe` options: an optional kind, default both. */
export function parseUnsubscribeOptions(args: string): Parsed<DigestKind> {
  let kind: DigestKind | undefined;
  for (const token of tokensOf(args)) {
    const found = KIND_WORDS[token.toLowerCase()];
    if (!found) return { ok: false, problem: `Unknown option ${quoteToken(token)}. Use ${UNSUBSCRIBE_USAGE} (default both).` };
    kind = combineKinds(kind, found);
  }
  return { ok: true, value: kind ?? 'both' };
}
