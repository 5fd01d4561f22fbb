import type { Dataset } from '../domain/dataset.ts';
import type { Release } from '../domain/release.ts';
import type { Schedule } from '../domain/schedule.ts';
import { compareMinor } from '../domain/version.ts';
import type { ReleaseEvent } from '../domain/subscription.ts';

/** One thing a refresh saw change upstream. */
export interface ReleaseChange {
  event: ReleaseEvent;
  /** The minor it is about. */
  version: string;
  /** Stable across replicas and restarts: the same change upstream always has the same key. */
  key: string;
  release: Release | null;
  schedule: Schedule | null;
  /** minor/patch: the version released ("1.34.12"); pre-release: the build tag. */
  build: string | null;
  /** The day it happened or happens (release day, patch day, end of life, pre-release day). */
  date: string | null;
  /** For eol: the date the data had before (null when it had none). */
  previousDate: string | null;
}

const PRE_RELEASE_KINDS = new Set(['alpha', 'beta', 'rc']);
const EVENT_ORDER: Record<ReleaseEvent, number> = { minor: 0, patch: 1, schedule: 2, eol: 3, 'pre-release': 4 };

const confirmedGa = (release: Release | undefined): boolean =>
  release?.gaDateKind === 'confirmed' && release.gaDate !== null;
const patchVersions = (release: Release | undefined): Set<string> =>
  new Set([
    ...(release?.patches ?? []).map((p) => p.version),
    ...(release?.latestPatch ? [release.latestPatch.version] : []),
  ]);

/**
 * What changed between two datasets, as alerts: a minor whose release is now confirmed, a patch the data did
 * not have, a schedule for a new cycle, an end-of-life date that moved (or appeared), a pre-release build that
 * appeared in a schedule. Pure, so every replica that refreshes from the same data finds the same changes.
 */
export function releaseChanges(
  previous: Pick<Dataset, 'releases' | 'schedules'>,
  next: Pick<Dataset, 'releases' | 'schedules'>,
): ReleaseChange[] {
  const before = new Map(previous.releases.map((release) => [release.version, release]));
  const changes: ReleaseChange[] = [];
  const base = { schedule: null, build: null, date: null, previousDate: null };
  for (const release of next.releases) {
    const old = before.get(release.version);
    if (confirmedGa(release) && !confirmedGa(old)) {
      changes.push({
        ...base,
        event: 'minor',
        version: release.version,
        key: `minor:${release.version}`,
        release,
        build: `${release.version}.0`,
        date: release.gaDate,
      });
    }
    const known = patchVersions(old);
    const patches = [...release.patches, ...(release.latestPatch ? [release.latestPatch] : [])];
    const seen = new Set<string>();
    for (const patch of patches) {
      if (known.has(patch.version) || seen.has(patch.version) || patch.version.endsWith('.0')) continue;
      seen.add(patch.version);
      changes.push({
        ...base,
        event: 'patch',
        version: release.version,
        key: `patch:${patch.version}`,
        release,
        build: patch.version,
        date: patch.date,
      });
    }
    if (old && release.eolDate && release.eolDate !== old.eolDate) {
      changes.push({
        ...base,
        event: 'eol',
        version: release.version,
        key: `eol:${release.version}:${release.eolDate}`,
        release,
        date: release.eolDate,
        previousDate: old.eolDate,
      });
    }
  }
  const oldSchedules = new Map(previous.schedules.map((schedule) => [schedule.version, schedule]));
  for (const schedule of next.schedules) {
    const old = oldSchedules.get(schedule.version);
    const release = next.releases.find((r) => r.version === schedule.version) ?? null;
    if (!old)
      changes.push({
        ...base,
        event: 'schedule',
        version: schedule.version,
        key: `schedule:${schedule.version}`,
        release,
        schedule,
      });
    const oldBuilds = new Set(old?.events.map((event) => event.build) ?? []);
    for (const event of schedule.events) {
      const preRelease = event.kinds.some((kind) => PRE_RELEASE_KINDS.has(kind));
      if (!event.build || !preRelease || oldBuilds.has(event.build)) continue;
      oldBuilds.add(event.build);
      changes.push({
        ...base,
        event: 'pre-release',
        version: schedule.version,
        key: `pre-release:${event.build}`,
        release,
        schedule,
        build: event.build,
        date: event.date,
      });
    }
  }
  return changes.sort(
    (a, b) =>
      EVENT_ORDER[a.event] - EVENT_ORDER[b.event] || compareMinor(a.version, b.version) || a.key.localeCompare(b.key),
  );
}
