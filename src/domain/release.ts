import { z } from 'zod';
import { IsoDate } from './dates.ts';
import { compareMinor, MinorVersion, minorNumber, PatchVersion } from './version.ts';
import { memoPerObjectLastKey } from './memo.ts';

export const EnhancementCounts = z.object({
  total: z.number().int().nonnegative().nullable(),
  stable: z.number().int().nonnegative().nullable(),
  beta: z.number().int().nonnegative().nullable(),
  alpha: z.number().int().nonnegative().nullable(),
  deprecatedOrRemoved: z.number().int().nonnegative().nullable(),
});
export type EnhancementCounts = z.infer<typeof EnhancementCounts>;

export const AnnouncedEnhancement = z.object({
  title: z.string().min(1),
  kep: z.number().int().positive().nullable(),
});
export type AnnouncedEnhancement = z.infer<typeof AnnouncedEnhancement>;

export const AnnouncedRemoval = AnnouncedEnhancement.extend({
  kind: z.enum(['deprecation', 'removal']),
});

/** What the release announcement (the release team's own record) says. */
export const Announcement = z.object({
  codename: z.string().nullable(),
  releaseLead: z.string().nullable(),
  enhancements: EnhancementCounts,
  url: z.url().nullable(),
  /** null where the announcement has no list; see `graduatedToStableComplete`. */
  graduatedToStable: z.array(AnnouncedEnhancement).nullable(),
  removalsAndDeprecations: z.array(AnnouncedRemoval).nullable(),
  sources: z.array(z.string()),
});
export type Announcement = z.infer<typeof Announcement>;

/** A date with the source it came from, kept per source where sources disagree. */
export const SourcedDate = z.object({ date: IsoDate, source: z.string() });

/**
 * One source's end-of-life date. "actual" is a record of the branch's end (kubernetes.io's eol.yaml, or a
 * tracker's date already past when it was last updated); "planned" is a date set ahead (schedule.yaml).
 */
export const EolSource = SourcedDate.extend({
  kind: z.enum(['actual', 'planned']),
  /** The last patch the source says the branch got, when it names one (eol.yaml's finalPatchRelease). */
  finalPatch: PatchVersion.nullable(),
  /** The source's own remark, e.g. "1.26.15 was released in March 2024 (after the EOL date) to …". */
  note: z.string().nullable(),
});
export type EolSource = z.infer<typeof EolSource>;

export const Release = z.object({
  version: MinorVersion,
  /** x.y.0 GA date, from the first source that has it (see gaDateSources for all). */
  gaDate: IsoDate.nullable(),
  /** "confirmed" when a release record has the date; "planned" when only the sig-release schedule does. */
  gaDateKind: z.enum(['confirmed', 'planned']).nullable(),
  gaDateSources: z.array(SourcedDate),
  /** End of standard support ("maintenance mode" starts). */
  maintenanceModeDate: IsoDate.nullable(),
  /**
   * End of life: an actual date beats a planned one, kubernetes.io's beats endoflife.date's, and it never
   * precedes a last patch the source did not know of (a patch shipped after a superseded entry moves it to
   * that patch's day). A source that names the last patch as its final one keeps its date, even where that
   * patch came later (1.26.15 "was released in March 2024 (after the EOL date)").
   */
  eolDate: IsoDate.nullable(),
  eolDateKind: z.enum(['actual', 'planned']).nullable(),
  /** Every source's date, kept where they disagree with each other or with `eolDate`. */
  eolDateSources: z.array(EolSource),
  latestPatch: z.object({ version: PatchVersion, date: IsoDate }).nullable(),
  patches: z.array(z.object({ version: PatchVersion, date: IsoDate })),
  announcement: Announcement.nullable(),
});
export type Release = z.infer<typeof Release>;

/*
 * One meaning of "shipped", "latest", "supported" and "latest patch" for every answer (engine and digests).
 * Each takes the calendar date (YYYY-MM-DD, UTC) the answer is given on.
 */

/** The project maintains the three newest minor releases (the oldest of them in maintenance mode at the end). */
export const SUPPORTED_MINORS = 3;

/** The x.y.0 date has come, whether a release record confirms it or only the sig-release plan gives it. */
export function isPastGaDate(release: Release, today: string): boolean {
  return release.gaDate !== null && release.gaDate <= today;
}

/** Known to be out by `today`: its GA date has passed and a release record confirms it (a plan never ships). */
export function isShipped(release: Release, today: string): boolean {
  return isPastGaDate(release, today) && release.gaDateKind === 'confirmed';
}

/**
 * "The latest release" on `today`: the newest whose x.y.0 date has come. Where the data only has the plan
 * for it (`!isShipped`), answers say so rather than fall back to an older release.
 */
export const latestRelease: (releases: readonly Release[], today: string) => Release | null = memoPerObjectLastKey(
  (releases: readonly Release[], today: string) => {
    let latest: Release | null = null;
    for (const release of releases)
      if (isPastGaDate(release, today) && (!latest || compareMinor(release.version, latest.version) > 0))
        latest = release;
    return latest;
  },
);

/** The newest patch (x.y.0 included) published on or before `today`; never one the data does not have. */
export const latestPatchAsOf: (release: Release, today: string) => { version: string; date: string } | null =
  memoPerObjectLastKey((release: Release, today: string) => {
    let latest: { version: string; date: string } | null = null;
    let latestNumber = -1;
    for (const patch of release.patches) {
      if (patch.date > today) continue;
      const number = patchNumber(patch.version);
      if (number > latestNumber) {
        latest = patch;
        latestNumber = number;
      }
    }
    return latest;
  });

const patchNumber = (version: string): number => Number(version.slice(version.lastIndexOf('.') + 1));

export type SupportState = 'unreleased' | 'unconfirmed' | 'supported' | 'maintenance' | 'eol';

/**
 * Where a release stands on `today`: not out yet; past a planned date the data cannot confirm; supported;
 * in maintenance mode (critical and security fixes only); end of life (from its EOL date, or — with none in
 * the data — once it is SUPPORTED_MINORS or more minors behind the latest shipped release).
 */
export function supportState(release: Release, releases: readonly Release[], today: string): SupportState {
  if (!isPastGaDate(release, today)) return 'unreleased';
  if (!isShipped(release, today)) return 'unconfirmed';
  if (release.eolDate !== null) {
    if (release.eolDate <= today) return 'eol';
    return release.maintenanceModeDate !== null && release.maintenanceModeDate <= today ? 'maintenance' : 'supported';
  }
  if (release.maintenanceModeDate !== null && release.maintenanceModeDate <= today) return 'maintenance';
  const latest = latestRelease(releases, today);
  return latest && minorNumber(latest.version) - minorNumber(release.version) >= SUPPORTED_MINORS ? 'eol' : 'supported';
}

/** Shipped releases not past end of life on `today` (maintenance mode included), newest first. */
export const supportedReleases: (releases: readonly Release[], today: string) => readonly Release[] =
  memoPerObjectLastKey((releases: readonly Release[], today: string) =>
    releases
      .filter((release) => {
        const state = supportState(release, releases, today);
        return state === 'supported' || state === 'maintenance';
      })
      .sort((a, b) => compareMinor(b.version, a.version)),
  );
