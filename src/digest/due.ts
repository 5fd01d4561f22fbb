import type { DateTime } from 'luxon';
import type { Answer } from '../domain/answer.ts';
import type { Dataset } from '../domain/dataset.ts';
import type { Release } from '../domain/release.ts';
import type { Schedule } from '../domain/schedule.ts';
import { eolWarningAnswer } from './answers/eol-warning.ts';
import { milestoneReminderAnswer } from './answers/milestone-reminder.ts';
import { noScheduleNoticeAnswer } from './answers/no-schedule-notice.ts';
import { weeklyDigestAnswer } from './answers/weekly-digest.ts';
import { cycleAt, milestonesOf, newestSchedule, REMINDER_KINDS, type Milestone } from './cycle.ts';
import { milestoneLocalDate } from './facts.ts';
import { wantsMilestones, wantsWeekly, type Subscription } from '../domain/subscription.ts';
import { addDays, daysBetween, weekdayOf } from '../domain/dates.ts';
import { canonicalZone, isoWeek, localDate, localSlot, localSlotMillis } from './time.ts';

/** Reminders go out this many days before a milestone (and on the day). */
export const REMINDER_OFFSETS_DAYS = [7, 1, 0] as const;
export const EOL_WARNING_DAYS = 30;
/** The tick runs once a minute, so a posting is always due for at least its own minute. */
const MIN_WINDOW_MS = 60_000;

export type DigestType = 'no-schedule' | 'milestone' | 'eol' | 'weekly' | 'release';
const TYPE_ORDER: Record<DigestType, number> = { 'no-schedule': 0, milestone: 1, eol: 2, weekly: 3, release: 4 };

export interface DueDigest {
  /** Unique per subscription and posting; recorded in SQLite so it is posted at most once. */
  occurrenceKey: string;
  subscription: Subscription;
  /** Rendered lazily, once. */
  readonly answer: Answer;
  /** The instant it was scheduled for (the subscriber's local time). */
  scheduledAt: Date;
  /** The end of its grace window: it must not be posted from this instant on. */
  graceEndsAt: Date;
  type: DigestType;
}

export interface DueOptions {
  /** A posting missed by downtime is still sent within this many hours of its time, never after. */
  graceHours: number;
  /** Only this release's milestones and cycle (operator previews). */
  release?: string;
}

interface Candidate {
  type: DigestType;
  /** Postings in one series supersede each other: only the newest due one is sent. */
  series: string;
  key: string;
  at: DateTime;
  answer: () => Answer;
}

/**
 * What is due for each subscription at `now`: every posting whose scheduled instant lies in
 * [scheduled, scheduled + grace) and after the subscription was created. Pure; the caller claims each
 * occurrence key before posting.
 */
export function dueDigests(
  subscriptions: readonly Subscription[],
  dataset: Dataset,
  now: Date,
  options: DueOptions,
): DueDigest[] {
  const windowMs = graceWindowMs(options.graceHours);
  const utcToday = localDate(now, 'UTC');
  const horizonDays = Math.ceil(windowMs / 86_400_000) + 9;
  const schedules = options.release
    ? dataset.schedules.filter((s) => s.version === options.release)
    : dataset.schedules;
  const nearMilestones = schedules
    .flatMap(milestonesOf)
    .filter((m) => REMINDER_KINDS.has(m.kind))
    .filter((m) => Math.abs(daysBetween(utcToday, m.date)) <= horizonDays);
  const releases = options.release ? dataset.releases.filter((r) => r.version === options.release) : dataset.releases;
  const nearEols = releases.filter(
    (r): r is Release & { eolDate: string } =>
      r.eolDate !== null && Math.abs(daysBetween(utcToday, r.eolDate) - EOL_WARNING_DAYS) <= horizonDays,
  );

  const due: DueDigest[] = [];
  for (const subscription of subscriptions) {
    if (subscription.pausedAt || !canonicalZone(subscription.timeZone)) continue;
    const candidates = candidatesFor(subscription, {
      dataset,
      now,
      windowMs,
      nearMilestones,
      nearEols,
      release: options.release,
    });
    const newestPerSeries = new Map<string, Candidate>();
    for (const candidate of candidates) {
      const held = newestPerSeries.get(candidate.series);
      if (!held || candidate.at > held.at) newestPerSeries.set(candidate.series, candidate);
    }
    for (const candidate of newestPerSeries.values()) {
      // Built on first read: each tick in the grace window sees the same due postings, and only the
      // one that wins the claim renders the answer.
      let answer: Answer | undefined;
      due.push({
        occurrenceKey: `sub:${subscription.id}:${candidate.key}`,
        subscription,
        get answer() {
          answer ??= candidate.answer();
          return answer;
        },
        scheduledAt: candidate.at.toJSDate(),
        graceEndsAt: new Date(candidate.at.toMillis() + windowMs),
        type: candidate.type,
      });
    }
  }
  return due.sort(
    (a, b) =>
      a.subscription.id - b.subscription.id ||
      a.scheduledAt.getTime() - b.scheduledAt.getTime() ||
      TYPE_ORDER[a.type] - TYPE_ORDER[b.type] ||
      a.occurrenceKey.localeCompare(b.occurrenceKey),
  );
}

/** How long after its scheduled instant a posting may still go out. */
function graceWindowMs(graceHours: number): number {
  return Math.max(graceHours * 3_600_000, MIN_WINDOW_MS);
}

/**
 * The one-off notice is keyed by the newest schedule the data has, not by a date: while that stays the
 * newest, its posting is what keeps the notice from being said again every week.
 */
const noScheduleKey = (latest: Schedule | null): string => `no-schedule:after-${latest?.version ?? 'none'}`;

/**
 * Endings of occurrence keys that must survive pruning however old they are: the "no schedule" notice for
 * the data's newest schedule. Notices keyed by an older newest schedule can never be due again.
 */
export function keySuffixesToKeep(dataset: Pick<Dataset, 'schedules'>): string[] {
  return [`:${noScheduleKey(newestSchedule(dataset.schedules))}`];
}

interface CandidateContext {
  dataset: Dataset;
  now: Date;
  windowMs: number;
  nearMilestones: Milestone[];
  nearEols: Array<Release & { eolDate: string }>;
  release: string | undefined;
}

function candidatesFor(subscription: Subscription, context: CandidateContext): Candidate[] {
  const { dataset, now, windowMs } = context;
  const zone = subscription.timeZone;
  const today = localDate(now, zone);
  const earliestDate = localDate(new Date(now.getTime() - windowMs), zone);
  const isDue = (ms: number): boolean =>
    ms <= now.getTime() && now.getTime() < ms + windowMs && ms >= subscription.createdAt.getTime();
  const slotOn = (date: string): DateTime | null => {
    if (date < earliestDate || date > today) return null;
    return isDue(localSlotMillis(date, subscription.time, zone)) ? localSlot(date, subscription.time, zone) : null;
  };
  const candidates: Candidate[] = [];

  if (wantsMilestones(subscription.kind)) {
    for (const milestone of context.nearMilestones) {
      const date = milestoneLocalDate(milestone, zone);
      if (date < today) continue;
      const series = `milestone:${milestone.version}:${milestone.kind}:${milestone.date}`;
      for (const offset of REMINDER_OFFSETS_DAYS) {
        const at = slotOn(addDays(date, -offset));
        if (!at) continue;
        candidates.push({
          type: 'milestone',
          series,
          key: `${series}:${offset}d`,
          at,
          answer: () => milestoneReminderAnswer({ milestone, today, zone, now, dataset }),
        });
      }
    }
    for (const release of context.nearEols) {
      if (!release.gaDate || release.gaDate > today || release.eolDate < today) continue;
      const at = slotOn(addDays(release.eolDate, -EOL_WARNING_DAYS));
      if (!at) continue;
      const series = `eol:${release.version}:${release.eolDate}`;
      candidates.push({
        type: 'eol',
        series,
        key: `${series}:${EOL_WARNING_DAYS}d`,
        at,
        answer: () => eolWarningAnswer({ release, today, dataset }),
      });
    }
  }

  // Release alerts alone are posted by the refresh, never on a schedule.
  const weeklySlot = subscription.kind ? weeklySlotIn(subscription, earliestDate, today, slotOn) : null;
  if (weeklySlot) {
    const week = isoWeek(weeklySlot.toJSDate(), zone);
    if (wantsWeekly(subscription.kind)) {
      candidates.push({
        type: 'weekly',
        series: 'weekly',
        key: `weekly:${week}`,
        at: weeklySlot,
        answer: () =>
          weeklyDigestAnswer({ today, zone, week, dataset, ...(context.release ? { release: context.release } : {}) }),
      });
    }
    const cycle = context.release ? null : cycleAt(dataset.schedules, today);
    if (cycle?.state === 'no-schedule') {
      candidates.push({
        type: 'no-schedule',
        series: 'no-schedule',
        key: noScheduleKey(cycle.latest),
        at: weeklySlot,
        answer: () => noScheduleNoticeAnswer({ latest: cycle.latest, dataset }),
      });
    }
  }
  return candidates;
}

/** The newest due weekly slot (the subscription's weekday at its time) inside the window. */
function weeklySlotIn(
  subscription: Subscription,
  earliestDate: string,
  today: string,
  slotOn: (date: string) => DateTime | null,
): DateTime | null {
  for (let date = today; date >= earliestDate; date = addDays(date, -1)) {
    if (weekdayOf(date) !== subscription.weekday) continue;
    const at = slotOn(date);
    if (at) return at;
  }
  return null;
}
