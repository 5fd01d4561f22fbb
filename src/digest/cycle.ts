import {
  MILESTONE_KINDS,
  milestoneEvent,
  type MilestoneKind,
  type Schedule,
  type ScheduleEvent,
} from '../domain/schedule.ts';
import { compareMinor } from '../domain/version.ts';
import { daysBetween } from '../domain/dates.ts';
import { memoForObject } from '../domain/memo.ts';

/** The milestones subscribers get reminders for. */
export const REMINDER_KINDS: ReadonlySet<MilestoneKind> = new Set<MilestoneKind>([
  'enhancements-freeze',
  'code-freeze',
  'test-freeze',
  'docs-freeze',
  'release',
]);

/** Milestones worth listing in a digest's "next milestones": every kind but the alpha/beta builds and the thaw. */
export const NOTABLE_KINDS: ReadonlySet<MilestoneKind> = new Set(
  MILESTONE_KINDS.filter((kind) => kind !== 'alpha' && kind !== 'beta' && kind !== 'thaw'),
);

export interface Milestone {
  version: string;
  kind: MilestoneKind;
  date: string;
  /** Exact instant when the source gives one. */
  at: string | null;
  what: string;
  week: number | null;
  event: ScheduleEvent;
  schedule: Schedule;
}

/**
 * The schedule's classified events, one per kind and date (a row repeated in the table, or two rows of the
 * same kind on one day, become one milestone), in date order. Datasets are immutable once loaded, so a
 * schedule's milestones are computed once.
 */
export const milestonesOf: (schedule: Schedule) => Milestone[] = memoForObject(computeMilestones);

function computeMilestones(schedule: Schedule): Milestone[] {
  const seen = new Set<string>();
  const milestones: Milestone[] = [];
  for (const event of schedule.events) {
    for (const kind of event.kinds) {
      const id = `${kind}@${event.date}@${event.build ?? ''}`;
      if (seen.has(id)) continue;
      seen.add(id);
      milestones.push({
        version: schedule.version,
        kind,
        date: event.date,
        at: event.at,
        what: event.what,
        week: event.week,
        event,
        schedule,
      });
    }
  }
  return milestones.sort((a, b) => a.date.localeCompare(b.date) || (a.at ?? '').localeCompare(b.at ?? ''));
}

export interface CycleBounds {
  start: string;
  release: string;
}

/**
 * From the cycle-start row (else the first row) to release day (else the last row). Asked for every schedule
 * whenever a weekly slot is due, so computed once per schedule like its milestones.
 */
export const cycleBounds: (schedule: Schedule) => CycleBounds | null = memoForObject(computeBounds);

function computeBounds(schedule: Schedule): CycleBounds | null {
  if (schedule.events.length === 0) return null;
  const dates = schedule.events.map((e) => e.date).sort();
  const start = milestoneEvent(schedule, 'cycle-start')?.date ?? dates[0]!;
  const release = milestoneEvent(schedule, 'release')?.date ?? dates[dates.length - 1]!;
  return { start, release };
}

/**
 * How many weeks the cycle has: the week sig-release numbers release day with (1.37: week 15), else the
 * weeks from the start to release day counted the same way (the start's week is week 1).
 */
export function cycleWeeks(schedule: Schedule, bounds: CycleBounds): number {
  const releaseWeek = milestoneEvent(schedule, 'release')?.week ?? null;
  return Math.max(releaseWeek ?? Math.floor(daysBetween(bounds.start, bounds.release) / 7) + 1, 1);
}

export type CycleState =
  | { state: 'in-cycle'; schedule: Schedule; bounds: CycleBounds; week: number; weeks: number }
  | { state: 'between'; schedule: Schedule; bounds: CycleBounds; previous: Schedule | null }
  | { state: 'no-schedule'; latest: Schedule | null };

/**
 * Where the release cycle stands on a calendar date: inside a known cycle, between a finished cycle and
 * a known next one, or past everything the data knows.
 */
export function cycleAt(schedules: readonly Schedule[], today: string): CycleState {
  const withBounds = schedules
    .map((schedule) => ({ schedule, bounds: cycleBounds(schedule) }))
    .filter((entry): entry is { schedule: Schedule; bounds: CycleBounds } => entry.bounds !== null)
    .sort((a, b) => compareMinor(a.schedule.version, b.schedule.version));
  const current = withBounds.find((e) => e.bounds.start <= today && today <= e.bounds.release);
  if (current) {
    const elapsed = daysBetween(current.bounds.start, today);
    const weeks = cycleWeeks(current.schedule, current.bounds);
    return {
      state: 'in-cycle',
      schedule: current.schedule,
      bounds: current.bounds,
      week: Math.min(Math.floor(elapsed / 7) + 1, weeks),
      weeks,
    };
  }
  const next = withBounds.find((e) => e.bounds.start > today);
  if (next) {
    const previous = withBounds.filter((e) => e.bounds.release < today).at(-1)?.schedule ?? null;
    return { state: 'between', schedule: next.schedule, bounds: next.bounds, previous };
  }
  return { state: 'no-schedule', latest: withBounds.at(-1)?.schedule ?? null };
}

/**
 * The newest release's schedule (by version) among those with any rows: `cycleAt`'s `latest` past the end of the data.
 */
export function newestSchedule(schedules: readonly Schedule[]): Schedule | null {
  let newest: Schedule | null = null;
  for (const schedule of schedules) {
    if (cycleBounds(schedule) && (!newest || compareMinor(schedule.version, newest.version) >= 0)) newest = schedule;
  }
  return newest;
}

/** "███████░░░░░░░" — a fixed-width bar for week N of M. */
export function progressBar(week: number, weeks: number, width = 14): string {
  const filled = weeks <= 0 ? 0 : Math.round((Math.min(week, weeks) / weeks) * width);
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
}
