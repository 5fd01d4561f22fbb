import type { Catalogue } from '../../../src/domain/catalogue.ts';
import { compareMinor } from '../../../src/domain/version.ts';
import { AUTOCOMPLETE_LIMITS } from '../render/limits.ts';
import { choice, normalise, type Choice } from './choice.ts';

export interface VersionOption {
  version: string;
  /** What the user sees: "1.31 · Elli · released 2024-08-13". */
  label: string;
  search: string;
}

/** Every release the dataset knows, newest first, labelled with codename and GA date. */
export function releaseOptions(catalogue: Catalogue): VersionOption[] {
  return [...catalogue.releases]
    .sort((a, b) => compareMinor(b.version, a.version))
    .map((release) => {
      const parts = [
        release.version,
        release.codename,
        release.gaDate ? `released ${release.gaDate}` : 'not released yet',
      ];
      const label = parts.filter(Boolean).join(' · ');
      return { version: release.version, label, search: normalise(label) };
    });
}

/** Every release with a documented cycle schedule, newest first. */
export function scheduleOptions(catalogue: Catalogue): VersionOption[] {
  return [...catalogue.schedules]
    .sort((a, b) => compareMinor(b.version, a.version))
    .map((schedule) => {
      const label = schedule.releaseDate ? `${schedule.version} · release ${schedule.releaseDate}` : schedule.version;
      return { version: schedule.version, label, search: normalise(label) };
    });
}

/**
 * Up to 25 versions matching what the user typed, newest first: "1.3" offers 1.39…1.30 and 1.3,
 * "elli" finds 1.31 by its codename.
 */
export function versionChoices(options: readonly VersionOption[], typed: string): Choice[] {
  const query = normalise(typed).replace(/^v(?=\d)/, '');
  const matches =
    query === ''
      ? options
      : options.filter((option) => option.version.startsWith(query) || option.search.includes(query));
  return matches.slice(0, AUTOCOMPLETE_LIMITS.choices).map((option) => choice(option.label, option.version));
}
