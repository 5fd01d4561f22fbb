import { z } from 'zod';
import { Release, type EolSource } from '../domain/release.ts';
import { milestoneEvent, type Schedule } from '../domain/schedule.ts';
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
  branches: z.array(
    z.object({
      release: z.union([z.string(), z.number()]).transform(String),
      endOfLifeDate: LooseDate,
      finalPatchRelease: z.union([z.string(), z.number()]).transform(String).optional(),
      note: z.string().optional(),
    }),
  ),
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
  websiteEol: 'kubernetes/website data/releases/eol.yaml',
  websiteSchedule: 'kubernetes/website data/releases/schedule.yaml',
  announcement: 'release announcement (curated)',
  legacy: 'kubernetes/website data/releases/legacy.json',
  schedule: 'kubernetes/sig-release schedule (planned)',
} as const;

interface Draft {
  ga: { date: string; source: string }[];
  maintenance: string | null;
  eol: EolSource[];
  patches: { version: string; date: string }[];
}

const patchNumber = (version: string): number => Number(version.split('.')[2] ?? -1);

/** eol.yaml lists a branch again when a patch ships after its end of life; the latest entry is the one in force. */
function latestEolEntries(
  branches: z.infer<typeof WebsiteEol>['branches'],
): Map<string, z.infer<typeof WebsiteEol>['branches'][number]> {
  const latest = new Map<string, z.infer<typeof WebsiteEol>['branches'][number]>();
  for (const branch of branches) {
    const minor = toMinor(branch.release);
    if (!minor || !asDate(branch.endOfLifeDate)) continue;
    const current = latest.get(minor);
    const newer =
      !current ||
      patchNumber(branch.finalPatchRelease ?? '') > patchNumber(current.finalPatchRelease ?? '') ||
      (patchNumber(branch.finalPatchRelease ?? '') === patchNumber(current.finalPatchRelease ?? '') &&
        asDate(branch.endOfLifeDate)! > asDate(current.endOfLifeDate)!);
    if (newer) latest.set(minor, branch);
  }
  return latest;
}

/** Which source's date is the end of life: actual before planned, then in the order of `EOL_PRECEDENCE`. */
const EOL_PRECEDENCE: readonly string[] = [SOURCE.websiteEol, SOURCE.eolDate, SOURCE.websiteSchedule];
/** A source's place in `EOL_PRECEDENCE`; the last patch, which only ever moves the date later, comes last. */
const eolRank = (source: EolSource): number =>
  EOL_PRECEDENCE.includes(source.source) ? EOL_PRECEDENCE.indexOf(source.source) : EOL_PRECEDENCE.length;

function effectiveEol(
  sources: EolSource[],
  lastPatch: { version: string; date: string } | null,
): { eol: EolSource | null; sources: EolSource[] } {
  const ranked = [...sources].sort(
    (a, b) => Number(a.kind === 'planned') - Number(b.kind === 'planned') || eolRank(a) - eolRank(b),
  );
  const chosen = ranked[0] ?? null;
  if (!chosen || !lastPatch || lastPatch.date <= chosen.date || chosen.finalPatch === lastPatch.version)
    return { eol: chosen, sources };
  // Support lasted until the last patch shipped, whatever date was published before it.
  const patch: EolSource = {
    date: lastPatch.date,
    source: `${SOURCE.tag.replace(/ \(.*/, '')} (last patch ${lastPatch.version})`,
    kind: 'actual',
    finalPatch: lastPatch.version,
    note: `${lastPatch.version} shipped after the published end of life (${chosen.date})`,
  };
  return { eol: patch, sources: [...sources, patch] };
}

/** Merges every release source into one record per minor; all GA dates are kept with their source. */
export function buildReleases(inputs: ReleaseInputs): Release[] {
  const drafts = new Map<string, Draft>();
  const draft = (minor: string): Draft => {
    let value = drafts.get(minor);
    if (!value) {
      value = { ga: [], maintenance: null, eol: [], patches: [] };
      drafts.set(minor, value);
    }
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

  // endoflife.date's dates are plans until they pass; it was last updated with the newest patch it lists.
  const asOf =
    Object.values(patchData.versions)
      .map(({ date }) => asDate(date) ?? '')
      .sort()
      .at(-1) ?? '';
  const product = validateWith(EndOfLifeDateProduct, inputs.endOfLifeDate.data, inputs.endOfLifeDate.file, ImportError);
  for (const cycle of product.releases) {
    const minor = toMinor(cycle.releaseCycle);
    if (!minor) continue;
    addGa(minor, asDate(cycle.releaseDate), SOURCE.eolDate);
    const entry = draft(minor);
    entry.maintenance ??= asDate(cycle.eoas);
    const eol = asDate(cycle.eol);
    if (eol) {
      const actual = eol <= asOf;
      const finalPatch = actual && cycle.latest && /^1\.\d+\.\d+$/.test(cycle.latest) ? cycle.latest : null;
      entry.eol.push({
        date: eol,
        source: SOURCE.eolDate,
        kind: actual ? 'actual' : 'planned',
        finalPatch,
        note: null,
      });
    }
  }

  // kubernetes.io's own tables take precedence for support dates where they exist.
  if (inputs.websiteSchedule) {
    const schedule = validateWith(
      WebsiteSchedule,
      inputs.websiteSchedule.data,
      inputs.websiteSchedule.file,
      ImportError,
    );
    for (const row of schedule.schedules) {
      const minor = toMinor(row.release);
      if (!minor) continue;
      addGa(minor, asDate(row.releaseDate), SOURCE.website);
      const entry = draft(minor);
      entry.maintenance = asDate(row.maintenanceModeStartDate) ?? entry.maintenance;
      const eol = asDate(row.endOfLifeDate);
      if (eol)
        entry.eol.push({ date: eol, source: SOURCE.websiteSchedule, kind: 'planned', finalPatch: null, note: null });
    }
  }
  if (inputs.websiteEol) {
    const eol = validateWith(WebsiteEol, inputs.websiteEol.data, inputs.websiteEol.file, ImportError);
    for (const [minor, row] of latestEolEntries(eol.branches)) {
      const finalPatch =
        row.finalPatchRelease && /^1\.\d+\.\d+$/.test(row.finalPatchRelease) ? row.finalPatchRelease : null;
      draft(minor).eol.push({
        date: asDate(row.endOfLifeDate)!,
        source: SOURCE.websiteEol,
        kind: 'actual',
        finalPatch,
        note: row.note ?? null,
      });
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
    const release = milestoneEvent(schedule, 'release');
    draft(schedule.version);
    if (release) plannedByVersion.set(schedule.version, release.date);
  }

  return [...drafts.entries()]
    .sort(([a], [b]) => compareMinor(a, b))
    .map(([version, entry]) => {
      const patches = entry.patches.sort((a, b) => patchNumber(a.version) - patchNumber(b.version));
      const eol = effectiveEol(entry.eol, patches.at(-1) ?? null);
      const confirmed = entry.ga[0] ?? null;
      const planned = plannedByVersion.get(version) ?? null;
      const gaDateSources = [...entry.ga];
      if (planned) gaDateSources.push({ date: planned, source: SOURCE.schedule });
      return validateWith(
        Release,
        {
          version,
          gaDate: confirmed?.date ?? planned,
          gaDateKind: confirmed ? 'confirmed' : planned ? 'planned' : null,
          gaDateSources,
          maintenanceModeDate: entry.maintenance,
          eolDate: eol.eol?.date ?? null,
          eolDateKind: eol.eol?.kind ?? null,
          eolDateSources: [...eol.sources].sort((a, b) => eolRank(a) - eolRank(b)),
          latestPatch: patches.at(-1) ?? null,
          patches,
          announcement: curatedByVersion.get(version)?.announcement ?? null,
        },
        `release ${version} (merged from the release sources)`,
        ImportError,
      );
    });
}
