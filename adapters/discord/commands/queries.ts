import type { Query } from '../../../src/port.ts';
import { type ParseNotes, versionRefOf } from '../../../src/engine/refs.ts';

/**
 * Subcommand options become a Query directly (Bot.ask), not English for the parser to read back.
 * A value that is not a version or KEP number falls back to the text, which the router reads.
 */
const notes = (): ParseNotes => ({ corrections: [], truncated: false, stripped: false });

export function releaseQuery(version: string): Query | string {
  const ref = versionRefOf(version);
  return ref ? { kind: 'release-summary', version: ref, notes: notes() } : `tell me about ${version.trim()}`;
}

export function scheduleQuery(version: string): Query | string {
  const ref = versionRefOf(version);
  return ref
    ? { kind: 'schedule', version: ref, target: null, countdown: false, notes: notes() }
    : `schedule for ${version.trim()}`;
}

/** A number (as autocomplete sends it) is that KEP; anything else is a feature name or gate to read. */
export function kepQuery(query: string): Query | string {
  const number = /^\s*(?:kep)?[-\s#]*(\d{1,6})\s*$/i.exec(query)?.[1];
  return number && Number(number) > 0
    ? { kind: 'kep', ref: { kind: 'number', number: Number(number) }, askStage: null, version: null, notes: notes() }
    : query.trim();
}
