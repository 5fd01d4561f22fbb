import { z } from 'zod';
import { IsoDate } from './dates.ts';

export const SourceRepository = z.object({
  /** Folder name under upstream/, e.g. "kubernetes-enhancements". */
  folder: z.string(),
  repository: z.string(),
  commit: z.string().nullable(),
  commitDate: IsoDate.nullable(),
  license: z.string().nullable(),
});
export type SourceRepository = z.infer<typeof SourceRepository>;

export const Manifest = z.object({
  schemaVersion: z.literal(1),
  /**
   * When the data was current: the newest source commit date. Derived from the inputs (never the
   * wall clock) so the same inputs give byte-identical output.
   */
  dataDate: IsoDate,
  generatedAt: z.iso.datetime(),
  sources: z.array(SourceRepository),
  counts: z.object({
    releases: z.number().int(),
    schedules: z.number().int(),
    teams: z.number().int(),
    keps: z.number().int(),
    deprecatedApis: z.number().int(),
    overrides: z.number().int(),
    featureGates: z.number().int(),
    releaseNotes: z.number().int(),
    patchReleases: z.number().int(),
    /** Managed-platform release cycles, over every platform. */
    platformCycles: z.number().int(),
    /** Reviewed policy statements: skew rules, upgrade steps, support statements. */
    policyStatements: z.number().int(),
  }),
  files: z.record(z.string(), z.object({ sha256: z.string(), bytes: z.number().int() })),
  /**
   * The fingerprint of the schemas the files were validated with when written (DATASET_SCHEMA_FINGERPRINT);
   * absent in datasets written before it was recorded, which are validated on every load.
   */
  validatedWith: z.string().optional(),
  /** Upstream oddities the importer tolerated (e.g. a template placeholder left in a kep.yaml). */
  warnings: z.array(z.string()),
});
export type Manifest = z.infer<typeof Manifest>;

/** "Data as of 2026-08-22 (kubernetes/enhancements 64765b4)": how current the data is, closing every answer and digest. */
export function dataFooter(manifest: Pick<Manifest, 'dataDate' | 'sources'>): string {
  const enhancements = manifest.sources.find((source) => source.repository === 'kubernetes/enhancements');
  const commit = enhancements?.commit ? ` (kubernetes/enhancements ${enhancements.commit.slice(0, 7)})` : '';
  return `Data as of ${manifest.dataDate}${commit}`;
}
