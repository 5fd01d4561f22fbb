import { z } from 'zod';
import { IsoDate, IsoTimestamp } from './dates.ts';
import { MinorVersion } from './version.ts';

export const MILESTONE_KINDS = [
  'cycle-start',
  'prr-freeze',
  'enhancements-freeze',
  'feature-blog-freeze',
  'code-freeze',
  'test-freeze',
  'docs-freeze',
  'alpha',
  'beta',
  'rc',
  'release',
  'thaw',
] as const;
export const MilestoneKind = z.enum(MILESTONE_KINDS);
export type MilestoneKind = z.infer<typeof MilestoneKind>;

/**
 * Each milestone's name, as sig-release writes it (releases/release_phases.md and the release schedules:
 * "Code Freeze", "Test Freeze", "Thaw"). Every answer, digest and calendar entry uses these.
 */
export const MILESTONE_NAMES: Record<MilestoneKind, string> = {
  'cycle-start': 'Start of the release cycle',
  'prr-freeze': 'Production Readiness Freeze',
  'enhancements-freeze': 'Enhancements Freeze',
  'feature-blog-freeze': 'Feature Blog Freeze',
  'code-freeze': 'Code Freeze',
  'test-freeze': 'Test Freeze',
  'docs-freeze': 'Docs Freeze',
  alpha: 'Alpha release',
  beta: 'Beta release',
  rc: 'Release candidate',
  release: 'Release day',
  thaw: 'Thaw',
};

/** The milestone's name for one row: "Beta release 1.31.0-beta.0", "Release day (v1.31.0)", "Code Freeze". */
export function milestoneLabel(kind: MilestoneKind, event?: Pick<ScheduleEvent, 'build'>, version?: string): string {
  if (event?.build && (kind === 'alpha' || kind === 'beta' || kind === 'rc'))
    return `${MILESTONE_NAMES[kind]} ${event.build}`;
  if (kind === 'release' && version) return `${MILESTONE_NAMES.release} (v${version}.0)`;
  return MILESTONE_NAMES[kind];
}

export const ScheduleEvent = z.object({
  /** The row's "What", markdown stripped. */
  what: z.string().min(1),
  who: z.string().nullable(),
  /** The "When" text exactly as written upstream (after markdown stripping). */
  when: z.string(),
  /** Calendar date of the event in the time zone the source names (UTC when it names none). */
  date: IsoDate,
  /** The exact instant, when the source gives a time or an EOD/AoE deadline; null for date-only rows. */
  at: IsoTimestamp.nullable(),
  week: z.number().int().nullable(),
  /**
   * The milestones the row marks, in the order it names them: usually one, none for other rows, several
   * where one row carries more ("Code Freeze and Test Freeze", "Lift code freeze and v1.6.0-rc.1").
   */
  kinds: z.array(MilestoneKind),
  /** For rows that mark an alpha/beta/rc, the pre-release tag, e.g. "1.31.0-rc.1". */
  build: z.string().nullable(),
});
export type ScheduleEvent = z.infer<typeof ScheduleEvent>;

/** Whether the row marks the milestone (alone or beside others). */
export function marks(event: Pick<ScheduleEvent, 'kinds'>, kind: MilestoneKind): boolean {
  return event.kinds.includes(kind);
}

/** The schedule's row for a one-off milestone (cycle start, a freeze, release day), or undefined. */
export function milestoneEvent(schedule: Pick<Schedule, 'events'>, kind: MilestoneKind): ScheduleEvent | undefined {
  return schedule.events.find((event) => marks(event, kind));
}

export const Schedule = z.object({
  version: MinorVersion,
  /** Path inside kubernetes/sig-release, e.g. releases/release-1.31/README.md */
  source: z.string(),
  url: z.url(),
  events: z.array(ScheduleEvent),
});
export type Schedule = z.infer<typeof Schedule>;
