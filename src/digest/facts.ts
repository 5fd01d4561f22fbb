import type { Kep, KepStage } from '../domain/kep.ts';
import type { Release } from '../domain/release.ts';
import type { Schedule } from '../domain/schedule.ts';
import { compareMinor } from '../domain/version.ts';
import { milestonesOf, NOTABLE_KINDS, type Milestone } from './cycle.ts';
import { addDays, localDate } from './time.ts';

/** The calendar date a milestone falls on for someone in `zone` (an exact deadline can land on another day). */
export function milestoneLocalDate(milestone: Pick<Milestone, 'date' | 'at'>, zone: string): string {
  return milestone.at ? localDate(new Date(milestone.at), zone) : milestone.date;
}

/** Notable milestones on or after `today`, from this release's schedule and later ones. */
export function upcomingMilestones(
  schedules: readonly Schedule[],
  fromVersion: string,
  today: string,
  zone: string,
  limit: number,
): Milestone[] {
  return schedules
    .filter((s) => compareMinor(s.version, fromVersion) >= 0)
    .flatMap(milestonesOf)
    .filter((m) => NOTABLE_KINDS.has(m.kind) && milestoneLocalDate(m, zone) >= today)
    .sort(
      (a, b) =>
        milestoneLocalDate(a, zone).localeCompare(milestoneLocalDate(b, zone)) || compareMinor(a.version, b.version),
    )
    .slice(0, limit);
}

const STAGE_ORDER: readonly KepStage[] = ['stable', 'beta', 'alpha', 'deprecated', 'disabled', 'removed'];
const NOT_TRACKED = new Set(['rejected', 'withdrawn', 'deferred', 'replaced', 'superseded']);

export interface TrackedStage {
  stage: KepStage | 'unknown';
  keps: Kep[];
}

/**
 * KEPs whose milestones name the release, grouped by the stage they reach in it (the most advanced stage
 * the kep.yaml assigns to that release; the KEP's current stage when only latest-milestone names it).
 */
export function trackedEnhancements(keps: readonly Kep[], version: string): TrackedStage[] {
  const groups = new Map<KepStage | 'unknown', Kep[]>();
  for (const kep of keps) {
    if (kep.status && NOT_TRACKED.has(kep.status)) continue;
    const stageHere = STAGE_ORDER.find((stage) => kep.milestones[stage] === version);
    const named = stageHere !== undefined || kep.latestMilestone === version;
    if (!named) continue;
    const stage = stageHere ?? kep.stage ?? 'unknown';
    groups.set(stage, [...(groups.get(stage) ?? []), kep]);
  }
  return [...STAGE_ORDER, 'unknown' as const]
    .filter((stage) => groups.has(stage))
    .map((stage) => ({ stage, keps: groups.get(stage)!.sort((a, b) => a.number - b.number) }));
}

/** Minors whose end of life falls within `days` from `today`, soonest first. */
export function upcomingEols(releases: readonly Release[], today: string, days: number): Release[] {
  const until = addDays(today, days);
  return releases
    .filter((r) => r.eolDate !== null && r.eolDate >= today && r.eolDate <= until)
    .sort((a, b) => a.eolDate!.localeCompare(b.eolDate!));
}
