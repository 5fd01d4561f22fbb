import type { Dataset } from '../../../src/domain/dataset.ts';
import { kepEntries, type KepEntry } from './keps.ts';
import { releaseOptions, scheduleOptions, type VersionOption } from './versions.ts';

/** The candidates every autocomplete keystroke ranks, built once when the adapter starts. */
export interface AutocompleteIndex {
  keps: readonly KepEntry[];
  releases: readonly VersionOption[];
  schedules: readonly VersionOption[];
}

export function buildAutocompleteIndex(dataset: Dataset): AutocompleteIndex {
  return { keps: kepEntries(dataset), releases: releaseOptions(dataset), schedules: scheduleOptions(dataset) };
}
