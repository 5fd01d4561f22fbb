import type { Dataset } from '../../src/domain/dataset.ts';
import type { Kep } from '../../src/domain/kep.ts';
import type { Release } from '../../src/domain/release.ts';
import type { MilestoneKind, Schedule, ScheduleEvent } from '../../src/domain/schedule.ts';
import { DEFAULT_SETTINGS, type Subscription } from '../../src/domain/subscription.ts';

export function event(kind: MilestoneKind | null, date: string, extra: Partial<ScheduleEvent> = {}): ScheduleEvent {
  return {
    what: extra.what ?? `${kind ?? 'meeting'} row`,
    who: null,
    when: date,
    date,
    at: null,
    week: null,
    kinds: kind ? [kind] : [],
    build: null,
    ...extra,
  };
}

export function schedule(version: string, events: ScheduleEvent[]): Schedule {
  return {
    version,
    source: `releases/release-${version}/README.md`,
    url: `https://github.com/kubernetes/sig-release/blob/master/releases/release-${version}/README.md`,
    events,
  };
}

export function release(version: string, extra: Partial<Release> = {}): Release {
  return {
    version,
    gaDate: null,
    gaDateKind: extra.gaDate ? 'confirmed' : null,
    gaDateSources: [],
    maintenanceModeDate: null,
    eolDate: null,
    eolDateKind: extra.eolDate ? 'actual' : null,
    eolDateSources: [],
    latestPatch: null,
    patches: [],
    announcement: null,
    ...extra,
  };
}

export function kep(number: number, extra: Partial<Kep> = {}): Kep {
  return {
    number,
    title: `KEP ${number}`,
    owningSig: 'sig-node',
    participatingSigs: [],
    status: 'implementable',
    stage: 'alpha',
    latestMilestone: null,
    milestones: {},
    featureGates: [],
    creationDate: null,
    summary: '',
    path: `keps/sig-node/${number}-x`,
    links: {
      issue: `https://github.com/kubernetes/enhancements/issues/${number}`,
      folder: `https://github.com/kubernetes/enhancements/tree/master/keps/sig-node/${number}-x`,
    },
    ...extra,
  };
}

export function dataset(parts: Partial<Pick<Dataset, 'schedules' | 'releases' | 'keps'>> = {}): Dataset {
  return {
    manifest: {
      schemaVersion: 1,
      dataDate: '2026-01-01',
      generatedAt: '2026-01-01T00:00:00Z',
      sources: [],
      counts: {
        releases: 0,
        schedules: 0,
        teams: 0,
        keps: 0,
        deprecatedApis: 0,
        overrides: 0,
        featureGates: 0,
        releaseNotes: 0,
        patchReleases: 0,
        platformCycles: 0,
        policyStatements: 0,
      },
      files: {},
      warnings: [],
    },
    releases: parts.releases ?? [],
    schedules: parts.schedules ?? [],
    teams: [],
    keps: parts.keps ?? [],
    deprecatedApis: [],
    featureGates: { lists: [], gates: [] },
    releaseNotes: [],
    patchSchedule: { lastDate: null, lastListedPatch: null, entries: [], upcoming: [] },
    platforms: [],
    policies: {
      versionSkew: { url: 'https://kubernetes.io/releases/version-skew-policy/', rules: [], upgradeOrder: [] },
      supportPolicy: [],
    },
  };
}

let nextId = 1;
export function subscription(extra: Partial<Subscription> = {}): Subscription {
  const id = extra.id ?? nextId++;
  return {
    ...DEFAULT_SETTINGS,
    id,
    channel: { platform: 'slack', workspace: 'T1', channel: `C${id}` },
    createdAt: new Date('2000-01-01T00:00:00Z'),
    updatedAt: new Date('2000-01-01T00:00:00Z'),
    consecutivePermanentFailures: 0,
    lastFailure: null,
    pausedAt: null,
    pausedReason: null,
    ...extra,
  };
}

/** A 1.31-like cycle: 2024-05-13 … 2024-08-13, code freeze at 02:00 UTC on 2024-07-24. */
export const cycle131 = schedule('1.31', [
  event('cycle-start', '2024-05-13', { week: 1, what: 'Start of Release Cycle' }),
  event('enhancements-freeze', '2024-06-14', {
    at: '2024-06-14T02:00:00Z',
    week: 5,
    what: 'Begin Enhancements Freeze',
  }),
  event('code-freeze', '2024-07-24', { at: '2024-07-24T02:00:00Z', week: 11, what: 'Begin Code Freeze' }),
  event(null, '2024-07-24', { what: 'Release blog ready to review' }),
  event('test-freeze', '2024-07-31', { at: '2024-07-31T01:00:00Z', week: 12, what: 'Test Freeze' }),
  event('docs-freeze', '2024-07-30', { week: 12, what: 'Docs Freeze' }),
  event('rc', '2024-08-06', { week: 13, build: '1.31.0-rc.1', what: '1.31.0-rc.1 released' }),
  event('release', '2024-08-13', { week: 14, what: 'v1.31.0 released' }),
]);

/** A date-only cycle across the 2026 DST changes. */
export const cycle2026 = schedule('1.36', [
  event('cycle-start', '2026-01-12', { week: 1 }),
  event('code-freeze', '2026-03-29', { what: 'Code Freeze (Berlin DST day)' }),
  event('test-freeze', '2026-04-01'),
  event('docs-freeze', '2026-11-01', { what: 'Docs Freeze (New York DST day)' }),
  event('release', '2026-11-20', { week: 45 }),
]);
