import type { Dataset } from './dataset.ts';
import { milestoneEvent } from './schedule.ts';

export interface CatalogueRelease {
  version: string;
  codename: string | null;
  /** x.y.0 GA date (ISO day), null before it is known. */
  gaDate: string | null;
}

export interface CatalogueSchedule {
  version: string;
  /** The cycle's release day (ISO day), null when the schedule names none. */
  releaseDate: string | null;
}

export interface CatalogueKep {
  number: number;
  title: string;
  featureGates: readonly string[];
  latestMilestone: string | null;
}

/**
 * What an adapter may list of the current data without reading the dataset (autocomplete, a banner): the
 * releases, the cycle schedules, the KEPs with their feature gates, and the day the data was taken.
 */
export interface Catalogue {
  dataDate: string;
  releases: readonly CatalogueRelease[];
  schedules: readonly CatalogueSchedule[];
  keps: readonly CatalogueKep[];
}

export function catalogueOf(dataset: Dataset): Catalogue {
  return {
    dataDate: dataset.manifest.dataDate,
    releases: dataset.releases.map((release) => ({
      version: release.version,
      codename: release.announcement?.codename ?? null,
      gaDate: release.gaDate,
    })),
    schedules: dataset.schedules.map((schedule) => ({
      version: schedule.version,
      releaseDate: milestoneEvent(schedule, 'release')?.date ?? null,
    })),
    keps: dataset.keps.map((kep) => ({
      number: kep.number,
      title: kep.title,
      featureGates: kep.featureGates.map((gate) => gate.name),
      latestMilestone: kep.latestMilestone,
    })),
  };
}
