import type { Dataset } from '../domain/dataset.ts';
import { compareMinor } from '../domain/version.ts';
import { milestonesOf } from '../digest/cycle.ts';
import { milestoneLabel } from '../domain/schedule.ts';
import type { CalendarKind } from './link.ts';

/** One calendar entry; `uid` names the thing, not its date, so a moved date updates the same event. */
export interface CalendarEntry {
  uid: string;
  kind: CalendarKind;
  version: string;
  summary: string;
  /** An exact instant (ISO, UTC) when the source gives a time, else an all-day date. */
  start: { at: string } | { date: string };
  description: string;
  url: string | null;
}

/** A patch release from kubernetes/website's schedule.yaml, with its cherry-pick deadline. */
export interface PatchPlan {
  version: string;
  patch: string;
  date: string;
  cherryPickDeadline: string | null;
}

export function patchPlansOf(dataset: Pick<Dataset, 'patchSchedule'>): PatchPlan[] {
  return dataset.patchSchedule.entries.map((entry) => ({
    version: entry.minor,
    patch: entry.version,
    date: entry.targetDate,
    cherryPickDeadline: entry.cherryPickDeadline,
  }));
}

const UID_DOMAIN = 'k8s-release-bot';
const uid = (...parts: string[]): string => `${parts.join('-')}@${UID_DOMAIN}`;
const RELEASE_KINDS = new Set(['alpha', 'beta', 'rc', 'release']);

export interface CalendarFilter {
  release?: string;
  kinds: ReadonlySet<CalendarKind>;
}

/** Every dated thing the dataset knows, as calendar entries, sorted by version then date. */
export function calendarEntries(
  dataset: Pick<Dataset, 'releases' | 'schedules' | 'patchSchedule'>,
  filter: CalendarFilter,
): CalendarEntry[] {
  const entries: CalendarEntry[] = [];
  const wanted = (version: string) => !filter.release || version === filter.release;
  const releaseDays = new Set<string>();
  for (const schedule of dataset.schedules.filter((s) => wanted(s.version))) {
    const seen = new Map<string, number>();
    for (const milestone of milestonesOf(schedule)) {
      const kind: CalendarKind = RELEASE_KINDS.has(milestone.kind) ? 'releases' : 'freezes';
      if (!filter.kinds.has(kind) || milestone.kind === 'cycle-start' || milestone.kind === 'thaw') continue;
      // One UID per milestone of the cycle; a kind that happens twice (two betas) is told apart by its build or turn.
      const name = milestone.event.build ?? milestone.kind;
      const turn = (seen.get(name) ?? 0) + 1;
      seen.set(name, turn);
      if (milestone.kind === 'release') releaseDays.add(schedule.version);
      entries.push({
        uid: uid(schedule.version, name, ...(turn > 1 ? [String(turn)] : [])),
        kind,
        version: schedule.version,
        summary: `Kubernetes ${schedule.version}: ${milestoneLabel(milestone.kind, milestone.event, milestone.version)}`,
        start: milestone.at ? { at: milestone.at } : { date: milestone.date },
        description: `${milestone.what} (${schedule.version} release schedule)`,
        url: schedule.url,
      });
    }
  }
  for (const release of [...dataset.releases]
    .sort((a, b) => compareMinor(a.version, b.version))
    .filter((r) => wanted(r.version))) {
    if (filter.kinds.has('releases') && release.gaDate && !releaseDays.has(release.version)) {
      entries.push({
        uid: uid(release.version, 'release'),
        kind: 'releases',
        version: release.version,
        summary: `Kubernetes ${release.version}: Release day (v${release.version}.0)`,
        start: { date: release.gaDate },
        description: `Kubernetes ${release.version}.0 ${release.gaDateKind === 'planned' ? 'is planned' : 'was released'}.`,
        url: null,
      });
    }
    if (filter.kinds.has('patches')) {
      for (const patch of release.patches.filter((p) => !p.version.endsWith('.0'))) {
        entries.push({
          uid: uid('patch', patch.version),
          kind: 'patches',
          version: release.version,
          summary: `Kubernetes ${patch.version} patch release`,
          start: { date: patch.date },
          description: `Patch release ${patch.version} of Kubernetes ${release.version}.`,
          url: `https://github.com/kubernetes/kubernetes/releases/tag/v${patch.version}`,
        });
      }
    }
    if (filter.kinds.has('eol') && release.eolDate) {
      entries.push({
        uid: uid(release.version, 'eol'),
        kind: 'eol',
        version: release.version,
        summary: `Kubernetes ${release.version}: end of life`,
        start: { date: release.eolDate },
        description: `Kubernetes ${release.version} gets no more patches after this day.`,
        url: 'https://kubernetes.io/releases/',
      });
    }
  }
  if (filter.kinds.has('patches')) {
    // A shipped patch is already listed under its UID; a plan adds only what has not shipped, and its deadline.
    const listed = new Set(entries.map((entry) => entry.uid));
    for (const plan of patchPlansOf(dataset).filter((p) => wanted(p.version))) {
      const planUid = uid('patch', plan.patch);
      if (!listed.has(planUid)) {
        entries.push({
          uid: planUid,
          kind: 'patches',
          version: plan.version,
          summary: `Kubernetes ${plan.patch} patch release (planned)`,
          start: { date: plan.date },
          description: `Planned patch release ${plan.patch}.`,
          url: null,
        });
      }
      if (plan.cherryPickDeadline) {
        entries.push({
          uid: uid('cherry-pick', plan.patch),
          kind: 'patches',
          version: plan.version,
          summary: `Kubernetes ${plan.patch}: cherry-pick deadline`,
          start: { date: plan.cherryPickDeadline },
          description: `Last day to get cherry picks into ${plan.patch}.`,
          url: null,
        });
      }
    }
  }
  return entries;
}
