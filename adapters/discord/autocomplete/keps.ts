import type { Catalogue, CatalogueKep } from '../../../src/domain/catalogue.ts';
import { minorNumber } from '../../../src/domain/version.ts';
import { AUTOCOMPLETE_LIMITS } from '../render/limits.ts';
import { choice, normalise, type Choice } from './choice.ts';

export interface KepEntry {
  number: number;
  digits: string;
  label: string;
  title: string;
  gates: string[];
}

/** KEPs in the order offered before anything is typed: most recently active first. */
export function kepEntries(catalogue: Catalogue): KepEntry[] {
  return [...catalogue.keps].sort(byRecentActivity).map((kep) => ({
    number: kep.number,
    digits: String(kep.number),
    label: `KEP-${kep.number} · ${kep.title}`,
    title: normalise(kep.title),
    gates: kep.featureGates.map((gate) => gate.toLowerCase()),
  }));
}

function byRecentActivity(a: CatalogueKep, b: CatalogueKep): number {
  const milestone = (kep: CatalogueKep) => (kep.latestMilestone ? minorNumber(kep.latestMilestone) : -1);
  return milestone(b) - milestone(a) || b.number - a.number;
}

/**
 * Up to 25 KEPs for what the user typed: a number ("3836", "KEP-38", "#24") matches KEP numbers, exact
 * first; words match titles (whole title prefix, then word prefix, then anywhere) and feature gate names.
 */
export function kepChoices(entries: readonly KepEntry[], typed: string): Choice[] {
  const query = normalise(typed);
  const number = /^(?:kep)?[-\s#]*(\d{1,6})$/.exec(query)?.[1];
  let ranked: readonly KepEntry[];
  if (query === '') ranked = entries;
  else if (number) ranked = rankByNumber(entries, number);
  else ranked = rankByWords(entries, query);
  return ranked.slice(0, AUTOCOMPLETE_LIMITS.choices).map((entry) => choice(entry.label, entry.digits));
}

function rankByNumber(entries: readonly KepEntry[], digits: string): KepEntry[] {
  return entries
    .filter((entry) => entry.digits.startsWith(digits))
    .sort((a, b) => Number(b.digits === digits) - Number(a.digits === digits) || a.number - b.number);
}

function rankByWords(entries: readonly KepEntry[], query: string): KepEntry[] {
  const words = query.split(' ');
  const scored: { entry: KepEntry; score: number; order: number }[] = [];
  entries.forEach((entry, order) => {
    const score = wordScore(entry, query, words);
    if (score !== null) scored.push({ entry, score, order });
  });
  return scored.sort((a, b) => a.score - b.score || a.order - b.order).map(({ entry }) => entry);
}

/** Lower is better; null when some typed word matches neither the title nor a feature gate. */
function wordScore(entry: KepEntry, query: string, words: string[]): number | null {
  if (!words.every((word) => entry.title.includes(word) || entry.gates.some((gate) => gate.includes(word))))
    return null;
  if (entry.title.startsWith(query)) return 0;
  if (entry.title.includes(` ${query}`) || entry.title.includes(`-${query}`)) return 1;
  if (entry.title.includes(query)) return 2;
  if (entry.gates.some((gate) => gate.startsWith(query.replace(/ /g, '')))) return 3;
  return 4;
}
