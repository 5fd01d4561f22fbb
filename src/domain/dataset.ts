import { z } from 'zod';
import { DeprecatedApi } from './deprecation.ts';
import { FeatureGates } from './feature-gate.ts';
import { Kep } from './kep.ts';
import { Manifest } from './manifest.ts';
import { PatchSchedule } from './patch-schedule.ts';
import { Platform } from './platform.ts';
import { Policies } from './policy.ts';
import { Release } from './release.ts';
import { ReleaseNotesDraft } from './release-notes.ts';
import { Schedule } from './schedule.ts';
import { Team } from './team.ts';

/** One JSON file per collection under data/; each is validated on import and on load. */
export const DATASET_FILES = {
  releases: z.array(Release),
  schedules: z.array(Schedule),
  teams: z.array(Team),
  keps: z.array(Kep),
  deprecatedApis: z.array(DeprecatedApi),
  featureGates: FeatureGates,
  releaseNotes: z.array(ReleaseNotesDraft),
  patchSchedule: PatchSchedule,
  platforms: z.array(Platform),
  policies: Policies,
} as const;

export type DatasetCollection = keyof typeof DATASET_FILES;

export interface Dataset {
  manifest: Manifest;
  releases: Release[];
  schedules: Schedule[];
  teams: Team[];
  keps: Kep[];
  deprecatedApis: DeprecatedApi[];
  featureGates: FeatureGates;
  releaseNotes: ReleaseNotesDraft[];
  patchSchedule: PatchSchedule;
  platforms: Platform[];
  policies: Policies;
}

export const DatasetSchema = z.object({
  manifest: Manifest,
  ...DATASET_FILES,
});
