import { z } from 'zod';
import { IsoDate } from './dates.ts';
import { MinorVersion, PatchVersion } from './version.ts';

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

export const Release = z.object({
  version: MinorVersion,
  /** x.y.0 GA date, from the first source that has it (see gaDateSources for all). */
  gaDate: IsoDate.nullable(),
  /** "confirmed" when a release record has the date; "planned" when only the sig-release schedule does. */
  gaDateKind: z.enum(['confirmed', 'planned']).nullable(),
  gaDateSources: z.array(SourcedDate),
  /** End of standard support ("maintenance mode" starts). */
  maintenanceModeDate: IsoDate.nullable(),
  eolDate: IsoDate.nullable(),
  latestPatch: z.object({ version: PatchVersion, date: IsoDate }).nullable(),
  patches: z.array(z.object({ version: PatchVersion, date: IsoDate })),
  announcement: Announcement.nullable(),
});
export type Release = z.infer<typeof Release>;
