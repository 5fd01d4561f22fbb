import { readFile as readLocalFile } from 'node:fs/promises';
import path from 'node:path';
import type { SourceRepository } from '../../domain/manifest.ts';
import { ImportError } from '../errors.ts';
import type { ProgressEvent } from '../progress.ts';
import { UPSTREAM_REPOSITORIES, type SourceReader, type UpstreamFolder } from '../source.ts';
import { errorMessage, GitHubClient, type GitHubClientOptions } from './github-client.ts';
import { RepositoryTrees, repositoryOf } from './github-trees.ts';

export const DEFAULT_API_URL = 'https://api.github.com';
export const DEFAULT_RAW_URL = 'https://raw.githubusercontent.com';

export interface GitHubReaderOptions extends GitHubClientOptions {
  apiUrl?: string;
  rawUrl?: string;
  /** This project's own curated files (`data/curated/`), read from disk. */
  curatedDir: string;
  progress?: (event: ProgressEvent) => void;
}

/**
 * Reads the upstream repositories over HTTPS: the GitHub API for branch heads and listings,
 * raw.githubusercontent.com for file contents. Each repository's branch is resolved to a commit
 * once and every download is pinned to it, so a sync sees one consistent snapshot.
 */
export function createGitHubReader(options: GitHubReaderOptions): SourceReader {
  const apiUrl = trimTrailingSlash(options.apiUrl ?? DEFAULT_API_URL);
  const rawUrl = trimTrailingSlash(options.rawUrl ?? DEFAULT_RAW_URL);
  const progress = options.progress ?? (() => undefined);
  const counts = { resolve: { done: 0, total: 0 }, list: { done: 0, total: 0 }, fetch: { done: 0, total: 0 } };
  const client = new GitHubClient(options, progress);
  const trees = new RepositoryTrees(client, apiUrl, {
    started: () => counts.resolve.total++,
    done: (label) => {
      counts.resolve.done++;
      progress({ phase: 'resolve', ...counts.resolve, path: label });
    },
  });

  function describe(folder: UpstreamFolder, filePath: string): string {
    const { repository, branch } = repositoryOf(folder);
    return `https://github.com/${repository}/blob/${trees.resolvedHead(folder)?.sha ?? branch}/${filePath}`;
  }

  return {
    origin: apiUrl === DEFAULT_API_URL ? 'GitHub' : `GitHub API at ${apiUrl}`,

    async listFiles(folder, dir) {
      const segments = splitPath(dir, `upstream/${folder}/${dir}`);
      counts.list.total++;
      const files = await trees.filesUnder(folder, segments);
      counts.list.done++;
      progress({ phase: 'list', ...counts.list, path: `${folder}/${segments.join('/')}` });
      return files;
    },

    async readFile(folder, filePath) {
      const segments = splitPath(filePath, `upstream/${folder}/${filePath}`);
      counts.fetch.total++;
      const { sha } = await trees.head(folder);
      const url = `${rawUrl}/${repositoryOf(folder).repository}/${sha}/${segments.map(encodeURIComponent).join('/')}`;
      let text: string | null;
      try {
        text = await client.getRaw(url, `${folder}/${filePath}`);
      } catch (error) {
        throw new ImportError(describe(folder, filePath), null, `download failed: ${errorMessage(error)}`);
      }
      counts.fetch.done++;
      progress({ phase: 'fetch', ...counts.fetch, path: `${folder}/${filePath}` });
      return text;
    },

    readCurated: (name) => readCuratedFile(options.curatedDir, name),

    async repositories(): Promise<SourceRepository[]> {
      const folders = Object.keys(UPSTREAM_REPOSITORIES) as UpstreamFolder[];
      const heads = await Promise.all(folders.map((folder) => trees.head(folder)));
      return folders.map((folder, index) => {
        const { repository, license } = UPSTREAM_REPOSITORIES[folder];
        const { sha, commitDate } = heads[index]!;
        return { folder, repository, commit: sha, commitDate, license };
      });
    },

    describe,
  };
}

/** This project's own curated file, from disk; null when absent. The name may not leave the folder. */
async function readCuratedFile(dir: string, name: string): Promise<string | null> {
  const curatedDir = path.resolve(dir);
  const file = path.resolve(curatedDir, name);
  if (!file.startsWith(curatedDir + path.sep))
    throw new ImportError(`curated/${name}`, null, 'curated file name leaves the curated folder');
  try {
    return await readLocalFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ImportError(file, null, `cannot read: ${errorMessage(error)}`);
  }
}

/** Repository-relative path segments; "" or "." is the root. Rejects ".." so nothing escapes the repository. */
function splitPath(value: string, file: string): string[] {
  const segments = value.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..')) throw new ImportError(file, null, 'path must not contain ".."');
  return segments;
}

function trimTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
