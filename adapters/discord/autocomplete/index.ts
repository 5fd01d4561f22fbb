import type { Catalogue } from '../../../src/domain/catalogue.ts';
import type { BotPort } from '../../../src/port.ts';
import { kepEntries, type KepEntry } from './keps.ts';
import { releaseOptions, scheduleOptions, type VersionOption } from './versions.ts';

/** The candidates every autocomplete keystroke ranks, built once per catalogue (once per dataset). */
export interface AutocompleteIndex {
  keps: readonly KepEntry[];
  releases: readonly VersionOption[];
  schedules: readonly VersionOption[];
}

export function buildAutocompleteIndex(catalogue: Catalogue): AutocompleteIndex {
  return { keps: kepEntries(catalogue), releases: releaseOptions(catalogue), schedules: scheduleOptions(catalogue) };
}

/** The index for the bot's current data: rebuilt when a refresh hands out a new catalogue, reused otherwise. */
export function currentAutocomplete(bot: Pick<BotPort, 'catalogue'>): () => AutocompleteIndex {
  let built: { catalogue: Catalogue; index: AutocompleteIndex } | null = null;
  return () => {
    const catalogue = bot.catalogue();
    if (built?.catalogue !== catalogue) built = { catalogue, index: buildAutocompleteIndex(catalogue) };
    return built.index;
  };
}
