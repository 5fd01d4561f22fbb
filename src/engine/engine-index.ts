import type { Dataset } from '../domain/dataset.ts';
import type { DeprecatedApi } from '../domain/deprecation.ts';
import type { FeatureGateRecord } from '../domain/feature-gate.ts';
import { dataFooter } from '../domain/manifest.ts';
import type { ReleaseNotesDraft } from '../domain/release-notes.ts';
import type { Kep, KepStage } from '../domain/kep.ts';
import type { Release } from '../domain/release.ts';
import type { Schedule, ScheduleEvent } from '../domain/schedule.ts';
import type { Team } from '../domain/team.ts';
import { compareMinor } from '../domain/version.ts';
import { eventInstant } from '../domain/dates.ts';
import { KepSearch } from './kep-search.ts';
import { buildVocabulary, type Vocabulary } from './understand/vocabulary.ts';

/** Where a release announcement mentions a KEP. */
export interface AnnouncementMention {
  version: string;
  list: 'stable' | 'deprecation' | 'removal';
  title: string;
}

export interface TimedEvent {
  version: string;
  event: ScheduleEvent;
  instant: number;
}

/** Everything the executor looks up, built once per dataset so each question is a few map reads. */
export interface EngineIndex {
  dataset: Dataset;
  footer: string;
  /** The bot's public base URL (PUBLIC_URL), for links to its own pages; null when not configured. */
  publicUrl?: string | null;
  /** Oldest first. */
  releases: Release[];
  releaseByVersion: Map<string, Release>;
  scheduleByVersion: Map<string, Schedule>;
  teamByVersion: Map<string, Team>;
  kepByNumber: Map<number, Kep>;
  /** KEPs by the release kep.yaml names for a stage: key `${stage}@${version}`. */
  kepsByMilestone: Map<string, Kep[]>;
  announcementsByKep: Map<number, AnnouncementMention[]>;
  /** KEPs by owning SIG. */
  kepsBySig: Map<string, Kep[]>;
  /** Every schedule event, in time order. */
  events: TimedEvent[];
  /** Built on first use (the first full-text question), so start-up does not wait for it. */
  readonly kepSearch: KepSearch;
  /**
   * What the entity pass can recognise: gates, feature names, API kinds, SIGs, ordinary English. Built on first
   * use (most of an index build's time: the 38,000-word English set, the title index), so a start can listen
   * before it; the composition root builds it right after start-up and after every data refresh (warmEngine).
   */
  readonly vocabulary: Vocabulary;
  /** Deprecated API versions, one per kind and group/version (pluto's "FooList" twins left out). */
  apis: DeprecatedApi[];
  /** Feature gates by lower-cased name (the kubernetes/kubernetes lists). */
  gateByName: Map<string, FeatureGateRecord>;
  /** Release notes drafts (urgent upgrade notes, deprecations) by minor. */
  releaseNotesByVersion: Map<string, ReleaseNotesDraft>;
  /** Newest minor the data knows. */
  newest: string;
  oldest: string;
}

export const milestoneKey = (stage: KepStage, version: string): string => `${stage}@${version}`;

/** Pluto lists "FooList" beside "Foo", and some entries twice; a reader needs each API version once. */
function distinctApis(apis: DeprecatedApi[]): DeprecatedApi[] {
  const names = new Set(apis.map((api) => `${api.apiVersion} ${api.kind}`));
  const seen = new Set<string>();
  return apis.filter((api) => {
    const key = `${api.apiVersion} ${api.kind}`;
    if (seen.has(key) || (api.kind.endsWith('List') && names.has(`${api.apiVersion} ${api.kind.slice(0, -4)}`)))
      return false;
    seen.add(key);
    return true;
  });
}

/** Appends to the list kept under `key`, starting one if needed. */
export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function buildIndex(dataset: Dataset): EngineIndex {
  const releases = [...dataset.releases].sort((a, b) => compareMinor(a.version, b.version));
  const kepsByMilestone = new Map<string, Kep[]>();
  const kepsBySig = new Map<string, Kep[]>();
  for (const kep of [...dataset.keps].sort((a, b) => a.number - b.number)) {
    for (const [stage, version] of Object.entries(kep.milestones) as Array<[KepStage, string | undefined]>) {
      if (!version) continue;
      push(kepsByMilestone, milestoneKey(stage, version), kep);
    }
    push(kepsBySig, kep.owningSig, kep);
  }
  const announcementsByKep = new Map<number, AnnouncementMention[]>();
  const mention = (kep: number | null, entry: AnnouncementMention) => {
    if (kep != null) push(announcementsByKep, kep, entry);
  };
  for (const release of releases) {
    for (const item of release.announcement?.graduatedToStable ?? [])
      mention(item.kep, { version: release.version, list: 'stable', title: item.title });
    for (const item of release.announcement?.removalsAndDeprecations ?? [])
      mention(item.kep, { version: release.version, list: item.kind, title: item.title });
  }
  const events = dataset.schedules
    .flatMap((schedule) =>
      schedule.events.map((event) => ({ version: schedule.version, event, instant: eventInstant(event) })),
    )
    .sort((a, b) => a.instant - b.instant);
  let kepSearch: KepSearch | undefined;
  let vocabulary: Vocabulary | undefined;
  return {
    dataset,
    footer: dataFooter(dataset.manifest),
    releases,
    releaseByVersion: new Map(releases.map((release) => [release.version, release])),
    scheduleByVersion: new Map(dataset.schedules.map((schedule) => [schedule.version, schedule])),
    teamByVersion: new Map(dataset.teams.map((team) => [team.version, team])),
    kepByNumber: new Map(dataset.keps.map((kep) => [kep.number, kep])),
    kepsByMilestone,
    announcementsByKep,
    kepsBySig,
    events,
    get kepSearch() {
      kepSearch ??= new KepSearch(dataset.keps);
      return kepSearch;
    },
    get vocabulary() {
      vocabulary ??= buildVocabulary(dataset);
      return vocabulary;
    },
    apis: distinctApis(dataset.deprecatedApis),
    gateByName: new Map(dataset.featureGates.gates.map((gate) => [gate.name.toLowerCase(), gate])),
    releaseNotesByVersion: new Map(dataset.releaseNotes.map((draft) => [draft.version, draft])),
    newest: releases.at(-1)?.version ?? '1.0',
    oldest: releases[0]?.version ?? '1.0',
  };
}
