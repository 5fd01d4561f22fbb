import type { SourceRepository } from '../domain/manifest.ts';

/** The upstream repositories, by the folder name each has under `upstream/`. */
export const UPSTREAM_REPOSITORIES = {
  'kubernetes-enhancements': { repository: 'kubernetes/enhancements', branch: 'master', license: 'Apache-2.0' },
  'kubernetes-sig-release': { repository: 'kubernetes/sig-release', branch: 'master', license: 'Apache-2.0' },
  'kubernetes-website': { repository: 'kubernetes/website', branch: 'main', license: 'CC-BY-4.0' },
  'kubernetes-kubernetes': { repository: 'kubernetes/kubernetes', branch: 'master', license: 'Apache-2.0' },
  pluto: { repository: 'FairwindsOps/pluto', branch: 'master', license: 'Apache-2.0' },
  'endoflife-date-release-data': { repository: 'endoflife-date/release-data', branch: 'main', license: 'MIT' },
  'endoflife.date': { repository: 'endoflife-date/endoflife.date', branch: 'master', license: 'MIT' },
} as const;

export type UpstreamFolder = keyof typeof UPSTREAM_REPOSITORIES;

/**
 * Where the importer reads its inputs: a local folder
 * (`upstream/<folder>/…`, `curated/…`) or the upstream repositories over HTTPS.
 */
export interface SourceReader {
  /** Human-readable origin for messages, e.g. the --from folder or "GitHub". */
  readonly origin: string;
  /** Every file path (relative to the repository root) under `dir` in that repository, sorted. */
  listFiles(folder: UpstreamFolder, dir: string): Promise<string[]>;
  /** A file's text, or null if it does not exist. Throws on any other failure. */
  readFile(folder: UpstreamFolder, path: string): Promise<string | null>;
  /** A curated file's text (`curated/<name>`), or null if absent. */
  readCurated(name: string): Promise<string | null>;
  /** The commit and licence of each upstream repository read. */
  repositories(): Promise<SourceRepository[]>;
  /** A printable location for error messages, e.g. "upstream/pluto/versions.yaml". */
  describe(folder: UpstreamFolder, path: string): string;
}
