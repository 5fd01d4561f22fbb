import { z } from 'zod';
import type { Announcement } from '../domain/release.ts';
import { MinorVersion } from '../domain/version.ts';
import { IsoDate } from '../domain/dates.ts';
import { validateWith } from '../data/validation.ts';
import { ImportError } from './errors.ts';
import { readYaml } from './yaml.ts';

const count = z.number().int().nonnegative().nullable().default(null);

const CuratedEntry = z.object({
  version: MinorVersion,
  codename: z.string().nullable().default(null),
  released: IsoDate.nullable().default(null),
  release_lead: z.string().nullable().default(null),
  enhancements: z
    .object({ total: count, stable: count, beta: count, alpha: count, deprecated_or_removed: count })
    .nullable()
    .default(null),
  announcement_url: z.url().nullable().default(null),
  graduated_to_stable: z
    .array(z.object({ title: z.string().min(1), kep: z.number().int().positive().nullable() }))
    .nullable()
    .default(null),
  removals_and_deprecations: z
    .array(
      z.object({
        title: z.string().min(1),
        kep: z.number().int().positive().nullable(),
        kind: z.enum(['deprecation', 'removal']),
      }),
    )
    .nullable()
    .default(null),
  sources: z.array(z.string()).min(1, 'every entry needs at least one source'),
});

export interface CuratedRelease {
  version: string;
  released: string | null;
  announcement: Announcement;
}

/** curated/release-announcements.yaml: facts upstream files lack, each with its source. */
export function parseAnnouncements(text: string, file: string): CuratedRelease[] {
  const document = readYaml(text, file);
  if (!Array.isArray(document)) throw new ImportError(file, null, 'expected a list of releases');
  return document.map((raw, index) => {
    const value = validateWith(CuratedEntry, raw, file, ImportError, { at: [index], root: document });
    const counts = value.enhancements;
    return {
      version: value.version,
      released: value.released,
      announcement: {
        codename: value.codename,
        releaseLead: value.release_lead,
        enhancements: {
          total: counts?.total ?? null,
          stable: counts?.stable ?? null,
          beta: counts?.beta ?? null,
          alpha: counts?.alpha ?? null,
          deprecatedOrRemoved: counts?.deprecated_or_removed ?? null,
        },
        url: value.announcement_url,
        graduatedToStable: value.graduated_to_stable,
        removalsAndDeprecations: value.removals_and_deprecations,
        sources: value.sources,
      },
    };
  });
}
