import { Manifest } from '../domain/manifest.ts';
import { DATASET_FILES, type Dataset } from '../domain/dataset.ts';
import type { GateListId } from '../domain/feature-gate.ts';
import type { Release } from '../domain/release.ts';
import type { ReleaseNotesDraft } from '../domain/release-notes.ts';
import type { Schedule } from '../domain/schedule.ts';
import type { Team } from '../domain/team.ts';
import { compareMinor } from '../domain/version.ts';
import path from 'node:path';
import { PLATFORM_IDS, type Platform } from '../domain/platform.ts';
import type { Policies } from '../domain/policy.ts';
import { BUNDLED_DATA_DIR } from '../data/paths.ts';
import { readOptionalFile } from './readers/local.ts';
import { parseAnnouncements } from './announcements.ts';
import { applyApiOverrides, parsePlutoVersions } from './deprecations.ts';
import { validateWith } from '../data/validation.ts';
import { ImportError } from './errors.ts';
import { dedupeKeps, isTemplatePath, parseKep } from './keps.ts';
import { buildFeatureGates, GATE_LIST_PATHS, parseGateList } from './feature-gates.ts';
import type { DeprecatedApiOverride, KepOverride } from './overrides.ts';
import { parsePatchSchedule } from './patch-schedule.ts';
import { buildReleases } from './releases.ts';
import { draftStatus, parseReleaseNotes, RELEASE_NOTES_PATH, sortDrafts } from './release-notes.ts';
import { parsePlatform } from './platforms.ts';
import { importPolicies, POLICIES_FILE } from './policies.ts';
import { parseSchedule } from './schedule.ts';
import type { SourceReader, UpstreamFolder } from './source.ts';
import { parseTeam } from './team.ts';
import { readFrontMatter, readJsonText, readYaml } from './yaml.ts';

export const ANNOUNCEMENTS_FILE = 'release-announcements.yaml';

export interface ImportOptions {
  overrides: KepOverride[];
  /** Reviewed corrections of Pluto's deprecated-API list (data/overrides.yaml `deprecatedApis`). */
  apiOverrides?: DeprecatedApiOverride[];
  /** Where the overrides came from, for error messages. */
  overridesFile?: string;
  /** The curated announcements text; read from the reader when not given. */
  announcements?: string | null;
  /** The reviewed policies (data/policies.yaml); the bundled file when not given. */
  policies?: { text: string; file: string };
}

export interface ImportResult {
  dataset: Dataset;
  /** The curated file that was used, so `sync` can keep data/curated/ current. */
  announcementsText: string;
}

async function required(
  reader: SourceReader,
  folder: UpstreamFolder,
  path: string,
): Promise<{ file: string; text: string }> {
  const text = await reader.readFile(folder, path);
  const file = reader.describe(folder, path);
  if (text === null) throw new ImportError(file, null, 'file not found');
  return { file, text };
}

async function optional(
  reader: SourceReader,
  folder: UpstreamFolder,
  path: string,
): Promise<{ file: string; text: string } | null> {
  const text = await reader.readFile(folder, path);
  return text === null ? null : { file: reader.describe(folder, path), text };
}

const RELEASE_DIR = /^releases\/release-(1\.\d+)\/(README\.md|release-team\.md|release_team\.md)$/;

async function importSigRelease(
  reader: SourceReader,
  warnings: string[],
): Promise<{ schedules: Schedule[]; teams: Team[] }> {
  const files = (await reader.listFiles('kubernetes-sig-release', 'releases')).filter((path) => RELEASE_DIR.test(path));
  const byVersion = new Map<string, string[]>();
  for (const path of files) {
    const version = RELEASE_DIR.exec(path)![1]!;
    byVersion.set(version, [...(byVersion.get(version) ?? []), path]);
  }
  const schedules: Schedule[] = [];
  const teams: Team[] = [];
  const versions = [...byVersion.keys()].sort(compareMinor);
  await Promise.all(
    versions.map(async (version) => {
      const paths = byVersion.get(version)!;
      const readme = paths.find((path) => path.endsWith('/README.md'));
      if (readme) {
        const { file, text } = await required(reader, 'kubernetes-sig-release', readme);
        const schedule = rethrowAs(file, () => parseSchedule({ version, path: readme, markdown: text }));
        if (schedule) schedules.push(schedule);
        else warnings.push(`${readme}: no dated schedule`);
      }
      // release-team.md superseded release_team.md in 1.20; either may be the one with the table.
      for (const path of paths.filter((p) => /release[-_]team\.md$/.test(p)).sort()) {
        const { file, text } = await required(reader, 'kubernetes-sig-release', path);
        const team = rethrowAs(file, () => parseTeam({ version, path, markdown: text }));
        if (team && !teams.some((existing) => existing.version === version)) teams.push(team);
      }
    }),
  );
  const byMinor = <T extends { version: string }>(a: T, b: T) => compareMinor(a.version, b.version);
  return { schedules: schedules.sort(byMinor), teams: teams.sort(byMinor) };
}

/** Parsers throw ImportError with the repository path; point it at the file the user can open instead. */
function rethrowAs<T>(file: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof ImportError) throw new ImportError(file, error.field, error.detail);
    throw new ImportError(file, null, (error as Error).message);
  }
}

async function importKeps(reader: SourceReader, overrides: KepOverride[], warnings: string[]) {
  const paths = (await reader.listFiles('kubernetes-enhancements', 'keps')).filter(
    (path) => path.endsWith('/kep.yaml') && !isTemplatePath(path),
  );
  const parsed = await Promise.all(
    paths.map(async (path) => {
      const { file, text } = await required(reader, 'kubernetes-enhancements', path);
      const readme = await reader.readFile('kubernetes-enhancements', path.replace(/kep\.yaml$/, 'README.md'));
      const result = parseKep({ path, file, yaml: text, readme }, overrides);
      // Warnings name the repository path so that the manifest does not depend on where the inputs sit.
      warnings.push(...result.warnings.map((warning) => warning.replace(file, path)));
      return result.kep;
    }),
  );
  return dedupeKeps(parsed, warnings);
}

/** The feature-gate lists of kubernetes/kubernetes, newest first; the older two are gone from today's tree. */
async function importFeatureGates(reader: SourceReader, keps: Awaited<ReturnType<typeof importKeps>>) {
  const ids = Object.keys(GATE_LIST_PATHS) as GateListId[];
  const files = await Promise.all(ids.map((id) => optional(reader, 'kubernetes-kubernetes', GATE_LIST_PATHS[id])));
  const lists = ids.flatMap((id, at) =>
    files[at] ? [rethrowAs(files[at].file, () => parseGateList(id, files[at]!.text, files[at]!.file))] : [],
  );
  if (!files[0])
    throw new ImportError(
      reader.describe('kubernetes-kubernetes', GATE_LIST_PATHS['compatibility-lifecycle']),
      null,
      'file not found',
    );
  return buildFeatureGates(lists, keps);
}

/** Urgent upgrade notes and deprecations of every release notes draft (1.21 has two identical copies: the newer path wins). */
async function importReleaseNotes(
  reader: SourceReader,
  releases: Release[],
  schedules: Schedule[],
  readOn: string | null,
): Promise<ReleaseNotesDraft[]> {
  const byVersion = new Map<string, string>();
  for (const path of (await reader.listFiles('kubernetes-sig-release', 'releases')).filter((file) =>
    RELEASE_NOTES_PATH.test(file),
  )) {
    const version = RELEASE_NOTES_PATH.exec(path)![1]!;
    if (!byVersion.has(version) || path.includes('/release-notes/')) byVersion.set(version, path);
  }
  const drafts = await Promise.all(
    [...byVersion].map(async ([version, path]) => {
      const { file, text } = await required(reader, 'kubernetes-sig-release', path);
      const notes = rethrowAs(file, () => parseReleaseNotes(text));
      const status = draftStatus(
        version,
        releases.find((release) => release.version === version),
        schedules.find((schedule) => schedule.version === version),
        readOn,
      );
      return { version, path, url: `https://github.com/kubernetes/sig-release/blob/master/${path}`, ...status, notes };
    }),
  );
  return sortDrafts(drafts);
}

async function importPlatforms(reader: SourceReader): Promise<Platform[]> {
  return Promise.all(
    PLATFORM_IDS.map(async (id) => {
      const { file, text } = await required(reader, 'endoflife.date', `products/${id}.md`);
      return parsePlatform(id, text, file);
    }),
  );
}

async function readPolicies(reader: SourceReader, given: ImportOptions['policies']): Promise<Policies> {
  const file = given?.file ?? path.join(BUNDLED_DATA_DIR, POLICIES_FILE);
  const text = given?.text ?? (await readOptionalFile(file));
  if (text == null) throw new ImportError(file, null, 'file not found');
  return importPolicies(text, file, (folder, repositoryPath) => reader.readFile(folder, repositoryPath));
}

const statementCount = (policies: Policies): number =>
  policies.versionSkew.rules.length + policies.versionSkew.upgradeOrder.length + policies.supportPolicy.length;

/** Reads every source through `reader`, validates, and returns the dataset. Writes nothing. */
export async function importDataset(reader: SourceReader, options: ImportOptions): Promise<ImportResult> {
  const warnings: string[] = [];
  const announcementsText = options.announcements ?? (await reader.readCurated(ANNOUNCEMENTS_FILE));
  if (announcementsText == null) throw new ImportError(`curated/${ANNOUNCEMENTS_FILE}`, null, 'file not found');
  const curated = parseAnnouncements(announcementsText, `curated/${ANNOUNCEMENTS_FILE}`);

  const [platforms, policies] = await Promise.all([importPlatforms(reader), readPolicies(reader, options.policies)]);
  const [keps, sigRelease, pluto, patchData, product, websiteEol, websiteSchedule, websiteLegacy, repositories] =
    await Promise.all([
      importKeps(reader, options.overrides, warnings),
      importSigRelease(reader, warnings),
      required(reader, 'pluto', 'versions.yaml'),
      required(reader, 'endoflife-date-release-data', 'releases/kubernetes.json'),
      required(reader, 'endoflife.date', 'products/kubernetes.md'),
      optional(reader, 'kubernetes-website', 'data/releases/eol.yaml'),
      optional(reader, 'kubernetes-website', 'data/releases/schedule.yaml'),
      optional(reader, 'kubernetes-website', 'data/releases/legacy.json'),
      reader.repositories(),
    ]);

  const releases = buildReleases({
    patchData: { file: patchData.file, data: readJsonText(patchData.text, patchData.file) },
    endOfLifeDate: { file: product.file, data: readFrontMatter(product.text, product.file) },
    websiteEol: websiteEol && { file: websiteEol.file, data: readYaml(websiteEol.text, websiteEol.file) },
    websiteSchedule: websiteSchedule && {
      file: websiteSchedule.file,
      data: readYaml(websiteSchedule.text, websiteSchedule.file),
    },
    websiteLegacy: websiteLegacy && {
      file: websiteLegacy.file,
      data: readJsonText(websiteLegacy.text, websiteLegacy.file),
    },
    curated,
    schedules: sigRelease.schedules,
  });
  const deprecatedApis = applyApiOverrides(
    parsePlutoVersions(pluto.text, pluto.file),
    options.apiOverrides ?? [],
    options.overridesFile ?? 'overrides.yaml',
  );
  const featureGates = await importFeatureGates(reader, keps);
  const sigReleaseDate = repositories.find((repo) => repo.folder === 'kubernetes-sig-release')?.commitDate ?? null;
  const releaseNotes = await importReleaseNotes(reader, releases, sigRelease.schedules, sigReleaseDate);
  const patchSchedule = websiteSchedule
    ? rethrowAs(websiteSchedule.file, () =>
        parsePatchSchedule(readYaml(websiteSchedule.text, websiteSchedule.file), websiteSchedule.file),
      )
    : { lastDate: null, lastListedPatch: null, entries: [], upcoming: [] };

  const collections = {
    releases,
    schedules: sigRelease.schedules,
    teams: sigRelease.teams,
    keps,
    deprecatedApis,
    featureGates,
    releaseNotes,
    patchSchedule,
    platforms,
    policies,
  };
  for (const [name, schema] of Object.entries(DATASET_FILES)) {
    validateWith(schema, collections[name as keyof typeof collections], `${name}.json`, ImportError);
  }

  const dataDate = repositories
    .map((repo) => repo.commitDate)
    .filter((date): date is string => date !== null)
    .sort()
    .at(-1);
  if (!dataDate) throw new ImportError(reader.origin, 'commitDate', 'no source repository has a commit date');
  const manifest = Manifest.parse({
    schemaVersion: 1,
    dataDate,
    // Derived from the inputs, not the clock, so that the same inputs give byte-identical files.
    generatedAt: `${dataDate}T00:00:00.000Z`,
    sources: repositories,
    counts: {
      releases: releases.length,
      schedules: sigRelease.schedules.length,
      teams: sigRelease.teams.length,
      keps: keps.length,
      deprecatedApis: deprecatedApis.length,
      overrides: options.overrides.length + (options.apiOverrides?.length ?? 0),
      featureGates: featureGates.gates.length,
      releaseNotes: releaseNotes.reduce((sum, draft) => sum + draft.notes.length, 0),
      patchReleases: patchSchedule.entries.length,
      platformCycles: platforms.reduce((sum, platform) => sum + platform.cycles.length, 0),
      policyStatements: statementCount(policies),
    },
    files: {},
    warnings: [...new Set(warnings)].sort(),
  });
  return { dataset: { manifest, ...collections }, announcementsText };
}
