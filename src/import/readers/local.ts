import type { Dirent } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SourceRepository } from '../../domain/manifest.ts';
import { UPSTREAM_REPOSITORIES, type SourceReader, type UpstreamFolder } from '../source.ts';
import { parseSourcesTable } from '../sources-table.ts';

async function walk(root: string, relative: string): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(path.join(root, relative), { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const nested = await Promise.all(
    entries.map((entry) => {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      return entry.isDirectory() ? walk(root, child) : Promise.resolve(entry.isFile() ? [child] : []);
    }),
  );
  return nested.flat();
}

/** A file's text, or null when it does not exist (any other failure throws). */
export async function readOptionalFile(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Reads an input folder holding upstream/<folder>/<repository path> and curated/<name>. */
export function createLocalReader(root: string): SourceReader {
  const upstream = path.join(root, 'upstream');
  return {
    origin: root,
    async listFiles(folder: UpstreamFolder, dir: string) {
      const files = await walk(path.join(upstream, folder), dir);
      return files.sort();
    },
    readFile: (folder: UpstreamFolder, file: string) => readOptionalFile(path.join(upstream, folder, file)),
    readCurated: (name: string) => readOptionalFile(path.join(root, 'curated', name)),
    async repositories(): Promise<SourceRepository[]> {
      const table = parseSourcesTable((await readOptionalFile(path.join(upstream, 'SOURCES.md'))) ?? '');
      return (Object.keys(UPSTREAM_REPOSITORIES) as UpstreamFolder[]).map((folder) => {
        const known = UPSTREAM_REPOSITORIES[folder];
        const row = table.get(folder);
        return {
          folder,
          repository: known.repository,
          commit: row?.commit ?? null,
          commitDate: row?.commitDate ?? null,
          license: row?.license ?? known.license,
        };
      });
    },
    describe: (folder: UpstreamFolder, file: string) => path.join(upstream, folder, file),
  };
}
