import type { Answer, AnswerFact, AnswerItem, AnswerSection } from '../domain/answer.ts';
import { KEP_STAGES, type Kep } from '../domain/kep.ts';
import type { ScheduleEvent } from '../domain/schedule.ts';

/** Plain-text helpers shared by the intents. Everything here is platform-neutral text. */

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const DAY_MS = 86_400_000;

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

const weekdays = new Map<string, string>();

/** Answers name the same few hundred days over and over; each is worked out once. */
export function weekday(isoDate: string): string {
  let name = weekdays.get(isoDate);
  if (name === undefined) {
    name = WEEKDAYS[new Date(`${isoDate}T00:00:00Z`).getUTCDay()] ?? '';
    if (weekdays.size < 10_000) weekdays.set(isoDate, name);
  }
  return name;
}

/** "2024-08-13 (Tuesday)" */
export function formatDate(isoDate: string): string {
  return `${isoDate} (${weekday(isoDate)})`;
}

/**
 * "2024-07-24 02:00 UTC (Wednesday; 2024-07-23 19:00 PDT)" for timed events — sig-release deadlines
 * are set in Pacific time — and "2024-07-30 (Tuesday)" for whole days.
 */
export function formatEvent(event: Pick<ScheduleEvent, 'date' | 'at'>): string {
  if (!event.at) return formatDate(event.date);
  let text = timedEvents.get(event.at);
  if (text === undefined) {
    const instant = new Date(event.at);
    const day = instant.toISOString().slice(0, 10);
    text = `${day} ${instant.toISOString().slice(11, 16)} UTC (${weekday(day)}; ${pacific(instant)})`;
    if (timedEvents.size < 10_000) timedEvents.set(event.at, text);
  }
  return text;
}

/** Schedules hold a few hundred distinct deadlines; each is written out once. */
const timedEvents = new Map<string, string>();

/** Built once: constructing an Intl formatter costs far more than using one. */
const PACIFIC = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/Los_Angeles',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
});

/** Schedules hold a few hundred distinct instants; each is formatted once. */
const pacificCache = new Map<number, string>();

/** "2024-07-23 19:00 PDT" */
function pacific(instant: Date): string {
  const key = instant.getTime();
  let text = pacificCache.get(key);
  if (text === undefined) {
    const parts = Object.fromEntries(PACIFIC.formatToParts(instant).map((part) => [part.type, part.value]));
    text = `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} ${parts.timeZoneName}`;
    if (pacificCache.size < 10_000) pacificCache.set(key, text);
  }
  return text;
}

/** The calendar day in Pacific time (where sig-release sets its deadlines) of an ISO instant. */
export function pacificDay(instant: string): string {
  return pacific(new Date(instant)).slice(0, 10);
}

/** The instant an event starts: its exact time, or the start of its (UTC) day. */
export function eventInstant(event: Pick<ScheduleEvent, 'date' | 'at'>): number {
  return event.at ? Date.parse(event.at) : Date.parse(`${event.date}T00:00:00Z`);
}

/** Whether an event is still ahead of `now` (a whole-day event counts until its day is over). */
export function isUpcoming(event: Pick<ScheduleEvent, 'date' | 'at'>, now: Date): boolean {
  return event.at ? Date.parse(event.at) > now.getTime() : event.date >= isoDay(now);
}

/**
 * "in 12 days", "3 days ago", "today", "in 5 hours" — relative to `now`. `precise` (countdowns)
 * keeps days and hours instead of rounding to weeks or months.
 */
export function relative(target: Pick<ScheduleEvent, 'date' | 'at'>, now: Date, precise = false): string {
  if (!target.at) {
    const days = daysBetween(isoDay(now), target.date);
    if (days === 0) return 'today';
    if (days === 1) return 'tomorrow';
    if (days === -1) return 'yesterday';
    const text = precise ? plural(Math.abs(days), 'day') : span(Math.abs(days));
    return days > 0 ? `in ${text}` : `${text} ago`;
  }
  const ms = Date.parse(target.at) - now.getTime();
  const abs = Math.abs(ms);
  const text = abs < DAY_MS ? plural(Math.max(1, Math.round(abs / 3_600_000)), 'hour') : durationText(abs, precise);
  return ms >= 0 ? `in ${text}` : `${text} ago`;
}

function durationText(ms: number, precise: boolean): string {
  const days = Math.floor(ms / DAY_MS);
  const hours = Math.floor((ms % DAY_MS) / 3_600_000);
  return (days < 14 || precise) && hours > 0
    ? `${plural(days, 'day')} ${plural(hours, 'hour')}`
    : precise
      ? plural(days, 'day')
      : span(days);
}

function span(days: number): string {
  if (days < 14) return plural(days, 'day');
  if (days < 60) return plural(Math.round(days / 7), 'week');
  if (days < 730) return plural(Math.round(days / 30.44), 'month');
  return plural(Math.round(days / 365.25), 'year');
}

export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}

export function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / DAY_MS);
}

export const kepLabel = (number: number): string => `KEP-${number}`;

/** "alpha 1.28 → beta 1.30 → stable 1.31" from the kep.yaml milestones. */
export function stageHistory(kep: Kep): string {
  const steps = KEP_STAGES.filter((stage) => kep.milestones[stage]).map((stage) => `${stage} ${kep.milestones[stage]}`);
  return steps.length > 0 ? steps.join(' → ') : 'no stage milestones recorded';
}

const SIG_SPECIAL_NAMES: Record<string, string> = {
  cli: 'CLI',
  ui: 'UI',
  'api-machinery': 'API Machinery',
  'k8s-infra': 'K8s Infra',
};

/** "SIG Network" for "sig-network". */
export function sigName(slug: string): string {
  let text = sigNames.get(slug);
  if (text === undefined) {
    const name = slug.replace(/^sig-/, '');
    text = `SIG ${
      SIG_SPECIAL_NAMES[name] ??
      name
        .split('-')
        .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
        .join(' ')
    }`;
    if (sigNames.size < 1_000) sigNames.set(slug, text);
  }
  return text;
}

/** The few dozen SIGs, each named once. */
const sigNames = new Map<string, string>();

export function kepItem(kep: Kep, detail: string | null = null): AnswerItem {
  return { kep: kep.number, title: kep.title, stage: kep.stage, sig: kep.owningSig, url: kep.links.issue, detail };
}

export function fact(label: string, value: string, raw: string | number | boolean | null = null): AnswerFact {
  return { label, value, raw };
}

/** "Code freeze: 2024-07-24 02:00 UTC (…), in 12 days", raw: the event's instant or date. */
export function eventFact(
  event: Pick<ScheduleEvent, 'what' | 'date' | 'at'>,
  now: Date,
  label = event.what,
): AnswerFact {
  return fact(label, `${formatEvent(event)}, ${relative(event, now)}`, event.at ?? event.date);
}

export function section(heading: string, parts: Partial<Omit<AnswerSection, 'heading'>> = {}): AnswerSection {
  return { heading, items: [], facts: [], lines: [], omitted: 0, moreUrl: null, ...parts };
}

/** A section of items cut to `max`, recording how many were left out and where the rest live. */
export function listSection(
  heading: string,
  items: AnswerItem[],
  max: number,
  moreUrl: string | null = null,
  lines: string[] = [],
): AnswerSection {
  return section(heading, {
    items: items.slice(0, max),
    omitted: Math.max(0, items.length - max),
    moreUrl: items.length > max ? moreUrl : null,
    lines,
  });
}

export type AnswerDraft = Pick<Answer, 'intent' | 'title' | 'summary'> &
  Partial<Omit<Answer, 'intent' | 'title' | 'summary'>>;

export function makeAnswer(footer: string, draft: AnswerDraft): Answer {
  const { intent, title, summary, release = null, facts = [], sections = [], links = [], suggestions = [] } = draft;
  return { intent, title, summary, release, facts, sections, links, suggestions, footer: draft.footer ?? footer };
}

export const ENHANCEMENTS_REPO = 'https://github.com/kubernetes/enhancements';
export const changelogUrl = (minor: string): string =>
  `https://github.com/kubernetes/kubernetes/blob/master/CHANGELOG/CHANGELOG-${minor}.md`;
export const sigKepsUrl = (sig: string): string => `${ENHANCEMENTS_REPO}/tree/master/keps/${sig}`;
export const kepIssueUrl = (number: number): string => `${ENHANCEMENTS_REPO}/issues/${number}`;
export const DEPRECATION_GUIDE_URL = 'https://kubernetes.io/docs/reference/using-api/deprecation-guide/';
export const RELEASES_URL = 'https://kubernetes.io/releases/';
