import { AUTOCOMPLETE_LIMITS } from '../render/limits.ts';
import { choice, normalise, type Choice } from './choice.ts';

let zones: { name: string; search: string }[] | null = null;

/** IANA zones the runtime knows, UTC first. */
function allZones(): { name: string; search: string }[] {
  zones ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC')].map((name) => ({
    name,
    search: normalise(name).replace(/_/g, ' '),
  }));
  return zones;
}

/** Up to 25 IANA time zones matching what the user typed ("berlin", "america/new", "new york"), prefix matches first. */
export function timeZoneChoices(typed: string): Choice[] {
  const query = normalise(typed).replace(/_/g, ' ');
  const candidates = allZones();
  const matches =
    query === ''
      ? candidates
      : [
          ...candidates.filter((zone) => zone.search.startsWith(query)),
          ...candidates.filter((zone) => !zone.search.startsWith(query) && zone.search.includes(query)),
        ];
  return matches.slice(0, AUTOCOMPLETE_LIMITS.choices).map((zone) => choice(zone.name, zone.name));
}
