import { z } from 'zod';
import { Release } from '../domain/release.ts';
import type { Schedule } from '../domain/schedule.ts';
import { compareMinor, toMinor } from '../domain/version.ts';
import { validateWith } from '../data/validation.ts';
import type { CuratedRelease } from './announcements.ts';
import { ImportError } from './errors.ts';

/** A loose date: YAML may give 2024-08-13 as a string; endoflife.date uses `true`/`false` for "unknown". */
const LooseDate = z.union([z.string(), z.boolean(), z.date(), z.null()]).optional();

function asDate(value: unknown): string | null {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? value.trim() : null;
}

export const PatchDataFile = z.object({
  versions: z.record(z.string(), z.object({ name: z.string(), date: z.string() })),
});
export const EndOfLifeDateProduct = z.object({
  releases: z.array(
    z.object({
      releaseCycle: z.union([z.string(), z.number()]).transform(String),
      releaseDate: LooseDate,
      eoas: LooseDate,
      eol: LooseDate,
      latest: z.union([z.string(), z.number()]).transform(String).optional(),
      latestReleaseDate: LooseDate,
    }),
  ),
});
export const WebsiteEol = z.object({
  branches: z.array(z.object({ release: z.union([z.string(), z.number()]).transform(String), endOfLifeDate: LooseDate, finalPatchRelease: z.string().optional() })),
});
export const WebsiteSchedule = z.object({
  schedules: z.array(
    z.object({
      release: z.union([z.string(), z.number()]).transform(String),
      releaseDate: LooseDate,
      endOfLifeDate: LooseDate,
      maintenanceModeStartDate: LooseDate,
    }),
  ),
});
export const WebsiteLegacy = z.array(z.object({ name: z.string(), date: z.string() }));

export interface ReleaseInputs {
  patchData: { file: string; data: unknown };
  endOfLifeDate: { file: string; data: unknown };
  websiteEol: { file: string; data: unknown } | null;
  websiteSchedule: { file: string; data: unknown } | null;
  websiteLegacy: { file: string; data: unknown } | null;
  curated: CuratedRelease[];
  schedules: Schedule[];
}

const SOURCE = {
  tag: 'endoflife-date/release-data (x.y.0 tag date)',
  eolDate: 'endoflife.date',
  website: 'kubernetes/website data/releases',
  announcement: 'release announcement (curated)',
  legacy: 'kubernetes/website data/releases/legacy.json',
  schedule: 'kubernetes/sig-release schedule (planned)',
} as const;

interface Draft {
  ga: { date: string; source: string }[];
  maintenance: string | null;
  eol: string | null;
  patches: { version: string; date: string }[];
}

/** Merges every release source into one record per minor; all GA dates are kept with their source. */
export function buildReleases(inputs: ReleaseInputs): Release[] {
  const drafts = new Map<string, Draft>();
  const draft = (minor: string): Draft => {
    let value = drafts.get(minor);
    if (!value) drafts.set(minor, (value = { ga: [], maintenance: null, eol: null, patches: [] }));
    return value;
  };
  const addGa = (minor: string, date: string | null, source: string) => {
    if (!date) return;
    const entry = draft(minor);
    if (!entry.ga.some((ga) => ga.date === date && ga.source === source)) entry.ga.push({ date, source });
  };

  const patchData = validateWith(PatchDataFile, inputs.patchData.data, inputs.patchData.file, ImportError);
  for (const [name, { date }] of Object.entries(patchData.versions)) {
    const match = /^1\.(\d+)\.(\d+)$/.exec(name);
    if (!match || !asDate(date)) continue;
    const minor = `1.${Number(match[1])}`;
    draft(minor).patches.push({ version: name, date });
    if (match[2] === '0') addGa(minor, date, SOURCE.tag);
  }

  const product = validateWith(EndOfLifeDateProduct, inputs.endOfLifeDate.data, inputs.endOfLifeDate.file, ImportError);
  for (const cycle of product.releases) {
    const minor = toMinor(cycle.releaseCycle);
    if (!minor) continue;
    addGa(minor, asDate(cycle.releaseDate), SOURCE.eolDate);
    const entry = draft(minor);
    entry.maintenance ??= asDate(cycle.eoas);
    entry.eol ??= asDate(cycle.eol);
  }

  // kubernetes.io's own tables take precedence for support dates where they exist.
  if (inputs.websiteSchedule) {
    const schedule = validateWith(WebsiteSchedule, inputs.websiteSchedule.data, inputs.websiteSchedule.file, ImportError);
    for (const row of schedule.schedules) {
      const minor = toMinor(row.release);
      if (!minor) continue;
      addGa(minor, asDate(row.releaseDate), SOURCE.website);
      const entry = draft(minor);
      entry.maintenance = asDate(row.maintenanceModeStartDate) ?? entry.maintenance;
      entry.eol = asDate(row.endOfLifeDate) ?? entry.eol;
    }
  }
  if (inputs.websiteEol) {
    const eol = validateWith(WebsiteEol, inputs.websiteEol.data, inputs.websiteEol.file, ImportError);
    for (const row of eol.branches) {
      const minor = toMinor(row.release);
      if (minor) draft(minor).eol = asDate(row.endOfLifeDate) ?? draft(minor).eol;
    }
  }
  if (inputs.websiteLegacy) {
    for (const row of validateWith(WebsiteLegacy, inputs.websiteLegacy.data, inputs.websiteLegacy.file, ImportError)) {
      const minor = toMinor(row.name);
      if (minor) addGa(minor, asDate(row.date), SOURCE.legacy);
    }
  }
  const curatedByVersion = new Map(inputs.curated.map((entry) => [entry.version, entry]));
  for (const entry of inputs.curated) addGa(entry.version, entry.released, SOURCE.announcement);
  const plannedByVersion = new Map<string, string>();
  for (const schedule of inputs.schedules) {
    const release = schedule.events.find((event) => event.kind === 'release');
    draft(schedule.version);
    if (release) plannedByVersion.set(schedule.version, release.date);
  }

  return [...drafts.entries()]
    .sort(([a], [b]) => compareMinor(a, b))
    .map(([version, entry]) => {
      const patches = entry.patches.sort((a, b) => Number(a.version.split('.')[2]) - Number(b.version.split('.')[2]));
      const confirmed = entry.ga[0] ?? null;
      const planned = plannedByVersion.get(version) ?? null;
      const gaDateSources = [...entry.ga];
      if (planned) gaDateSources.push({ date: planned, source: SOURCE.schedule });
      return validateWith(Release, {
        version,
        gaDate: confirmed?.date ?? planned,
        gaDateKind: confirmed ? 'confirmed' : planned ? 'planned' : null,
        gaDateSources,
        maintenanceModeDate: entry.maintenance,
        eolDate: entry.eol,
        latestPatch: patches.at(-1) ?? null,
        patches,
        announcement: curatedByVersion.get(version)?.announcement ?? null,
      }, `release ${version} (merged from the release sources)`, ImportError);
    });
}
