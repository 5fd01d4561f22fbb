import { AUTOCOMPLETE_LIMITS } from '../render/limits.ts';
import { choice, normalise, type Choice } from './choice.ts';

/** IANA zones the runtime knows, UTC first. */
const ZONES = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC')].map((name) => ({
  name,
  search: normalise(name).replace(/_/g, ' '),
}));

/** Up to 25 IANA time zones matching what the user typed ("berlin", "america/new", "new york"), prefix matches first. */
export function timeZoneChoices(typed: string): Choice[] {
  const query = normalise(typed).replace(/_/g, ' ');
  const matches =
    query === ''
      ? ZONES
      : [
          ...ZONES.filter((zone) => zone.search.startsWith(query)),
          ...ZONES.filter((zone) => !zone.search.startsWith(query) && zone.search.includes(query)),
        ];
  return matches.slice(0, AUTOCOMPLETE_LIMITS.choices).map((zone) => choice(zone.name, zone.name));
}
