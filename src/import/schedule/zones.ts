import { FixedOffsetZone, IANAZone, type Zone } from 'luxon';

/** A time zone as upstream names it. Abbreviations mean their literal offset ("PST" is -08:00 even in July). */
export interface NamedZone {
  name: string;
  zone: Zone;
}

const FIXED_OFFSETS: Record<string, number> = {
  UTC: 0,
  GMT: 0,
  PST: -8 * 60,
  PDT: -7 * 60,
  MST: -7 * 60,
  MDT: -6 * 60,
  CST: -6 * 60,
  CDT: -5 * 60,
  EST: -5 * 60,
  EDT: -4 * 60,
  BST: 60,
  CET: 60,
  CEST: 2 * 60,
  IST: 5 * 60 + 30,
  JST: 9 * 60,
  // Anywhere on Earth: the last place a calendar day ends.
  AOE: -12 * 60,
};

/** Zone names without a fixed offset: the local time there, daylight saving included. */
const REGION_ZONES: Record<string, string> = {
  PT: 'America/Los_Angeles',
  PACIFIC: 'America/Los_Angeles',
  ET: 'America/New_York',
  EASTERN: 'America/New_York',
};

export const ZONE_PATTERN = `(?:UTC|GMT|PST|PDT|MST|MDT|CST|CDT|EST|EDT|BST|CEST|CET|IST|JST|AoE|PT|Pacific|ET|Eastern)`;

export function namedZone(name: string): NamedZone | null {
  const key = name.toUpperCase();
  const offset = FIXED_OFFSETS[key];
  if (offset !== undefined) return { name: key === 'AOE' ? 'AoE' : key, zone: FixedOffsetZone.instance(offset) };
  const region = REGION_ZONES[key];
  return region ? { name: key, zone: IANAZone.create(region) } : null;
}

export const UTC_ZONE: NamedZone = { name: 'UTC', zone: FixedOffsetZone.utcInstance };

export function isUtc(zone: NamedZone): boolean {
  return zone.name === 'UTC' || zone.name === 'GMT';
}
