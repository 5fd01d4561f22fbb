import { readFile as readLocalFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { SourceRepository } from '../../domain/manifest.ts';
import { ImportError } from '../errors.ts';
import type { ProgressEvent } from '../progress.ts';
import { UPSTREAM_REPOSITORIES, type SourceReader, type UpstreamFolder } from '../source.ts';
import { createLimiter, getText, type GetTextOptions } from './http.ts';

export const DEFAULT_API_URL = 'https://api.github.com';
export const DEFAULT_RAW_URL = 'https://raw.githubusercontent.com';

export interface GitHubReaderOptions {
  apiUrl?: string;
  rawUrl?: string;
  /** Sent as `Authorization: Bearer` to the API only, never to raw downloads; never logged. */
  token?: string;
  /** Per request attempt, including the body (default 15 s). */
  timeoutMs?: number;
  /** Extra attempts after a network error, timeout, 5xx or 429 (default 3). */
  retries?: number;
  /** Requests in flight at once, across API and raw downloads (default 8). */
  concurrency?: number;
  /** First retry delay, doubled each retry, with jitter (default 500 ms). */
  retryBaseMs?: number;
  /** Longest Retry-After or rate-limit reset worth waiting for (default 60 s); longer fails at once. */
  maxRetryWaitMs?: number;
  /** This project's own curated files (`data/curated/`), read from disk. */
  curatedDir: string;
  progress?: (event: ProgressEvent) => void;
  fetch?: typeof fetch;
}

const Sha = z.string().regex(/^[0-9a-f]{40}$/, 'must be a 40-character commit SHA');

const CommitResponse = z.object({
  sha: Sha,
  commit: z.object({
    committer: z.object({ date: z.string() }),
    tree: z.object({ sha: Sha }),
  }),
});

const TreeResponse = z.object({
  sha: Sha,
  truncated: z.boolean(),
  tree: z.array(z.object({ path: z.string(), mode: z.string(), type: z.string(), sha: Sha })),
});
type TreeResponse = z.infer<typeof TreeResponse>;

interface Head {
  sha: string;
  treeSha: string;
  commitDate: string;
}

const SYMLINK_MODE = '120000';
const USER_AGENT = 'k8s-release-bot-sync';

/**
 * Reads the upstream repositories over HTTPS: the GitHub API for branch heads and listings,
 * raw.githubusercontent.com for file contents. Each repository's branch is resolved to a commit
 * once and every download is pinned to it, so a sync sees one consistent snapshot.
 */
export function createGitHubReader(options: GitHubReaderOptions): SourceReader {
  const apiUrl = trimTrailingSlash(options.apiUrl ?? DEFAULT_API_URL);
  const rawUrl = trimTrailingSlash(options.rawUrl ?? DEFAULT_RAW_URL);
  const progress = options.progress ?? (() => undefined);
  const http: GetTextOptions = {
    timeoutMs: options.timeoutMs ?? 15_000,
    retries: options.retries ?? 3,
    retryBaseMs: options.retryBaseMs ?? 500,
    maxRetryWaitMs: options.maxRetryWaitMs ?? 60_000,
    fetch: options.fetch ?? globalThis.fetch,
    schedule: createLimiter(options.concurrency ?? 8),
  };
  const apiHeaders: Record<string, string> = {
    accept: 'application/vnd.github+json',
    'x-github-api-version': '2022-11-28',
    'user-agent': USER_AGENT,
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
  };
  const rawHeaders: Record<string, string> = { 'user-agent': USER_AGENT };

  const heads = new Map<UpstreamFolder, Promise<Head>>();
  const resolvedHeads = new Map<UpstreamFolder, Head>();
  const trees = new Map<string, Promise<TreeResponse>>();
  const counts = { resolve: { done: 0, total: 0 }, list: { done: 0, total: 0 }, fetch: { done: 0, total: 0 } };

  const get = (url: string, headers: Record<string, string>, label: string) =>
    getText(url, {
      ...http,
      headers,
      onRetry: (notice) =>
        progress({
          phase: 'retry',
          path: label,
          attempt: notice.attempt,
          attempts: notice.attempts,
          reason: notice.reason,
          waitMs: notice.waitMs,
        }),
    });

  async function getJson<T>(url: string, schema: z.ZodType<T>, file: string): Promise<T | null> {
    let text: string | null;
    try {
      text = (await get(url, apiHeaders, file)).text;
    } catch (error) {
      throw new ImportError(file, null, `GitHub API request failed: ${errorMessage(error)}`);
    }
    if (text === null) return null;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ImportError(file, null, `${url} did not return JSON`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ImportError(
        file,
        issue?.path.join('.') || null,
        `unexpected response from ${url}: ${issue?.message ?? 'invalid'}`,
      );
    }
    return parsed.data;
  }

  function repositoryOf(folder: UpstreamFolder) {
    const spec = UPSTREAM_REPOSITORIES[folder];
    if (!spec) throw new ImportError(`upstream/${String(folder)}`, null, 'unknown upstream folder');
    return spec;
  }

  function head(folder: UpstreamFolder): Promise<Head> {
    let pending = heads.get(folder);
    if (!pending) {
      pending = resolveHead(folder);
      heads.set(folder, pending);
      pending.catch(() => heads.delete(folder));
    }
    return pending;
  }

  async function resolveHead(folder: UpstreamFolder): Promise<Head> {
    const { repository, branch } = repositoryOf(folder);
    const label = `${repository}@${branch}`;
    counts.resolve.total++;
    const url = `${apiUrl}/repos/${repository}/commits/${encodeURIComponent(branch)}`;
    const commit = await getJson(url, CommitResponse, label);
    if (!commit) throw new ImportError(label, null, `branch not found (${url} answered 404)`);
    const date = new Date(commit.commit.committer.date);
    if (Number.isNaN(date.getTime())) {
      throw new ImportError(
        label,
        'commit.committer.date',
        `not a date: ${JSON.stringify(commit.commit.committer.date)}`,
      );
    }
    const resolved = { sha: commit.sha, treeSha: commit.commit.tree.sha, commitDate: date.toISOString().slice(0, 10) };
    resolvedHeads.set(folder, resolved);
    counts.resolve.done++;
    progress({ phase: 'resolve', ...counts.resolve, path: label });
    return resolved;
  }

  function tree(folder: UpstreamFolder, sha: string, recursive: boolean, label: string): Promise<TreeResponse> {
    const { repository } = repositoryOf(folder);
    const key = `${repository} ${sha} ${recursive}`;
    let pending = trees.get(key);
    if (!pending) {
      const url = `${apiUrl}/repos/${repository}/git/trees/${sha}${recursive ? '?recursive=1' : ''}`;
      pending = getJson(url, TreeResponse, label).then((response) => {
        if (!response) throw new ImportError(label, null, `tree ${sha} not found (${url} answered 404)`);
        return response;
      });
      trees.set(key, pending);
      pending.catch(() => trees.delete(key));
    }
    return pending;
  }

  /** The tree SHA of `segments` under the root tree, walking one level at a time; null if absent. */
  async function findDirectory(
    folder: UpstreamFolder,
    rootSha: string,
    segments: string[],
    label: string,
  ): Promise<string | null> {
    let sha = rootSha;
    for (const segment of segments) {
      const entries = (await tree(folder, sha, false, label)).tree;
      const child = entries.find((entry) => entry.path === segment && entry.type === 'tree');
      if (!child) return null;
      sha = child.sha;
    }
    return sha;
  }

  /** Every blob under a tree; when GitHub truncates the recursive listing, lists each child tree on its own. */
  async function blobsUnder(folder: UpstreamFolder, sha: string, prefix: string, label: string): Promise<string[]> {
    const recursive = await tree(folder, sha, true, label);
    if (!recursive.truncated) {
      return recursive.tree.filter(isFile).map((entry) => prefix + entry.path);
    }
    const shallow = await tree(folder, sha, false, label);
    if (shallow.truncated)
      throw new ImportError(label, null, `GitHub truncated even the one-level listing of tree ${sha}`);
    const nested = await Promise.all(
      shallow.tree.map((entry) =>
        entry.type === 'tree'
          ? blobsUnder(folder, entry.sha, `${prefix}${entry.path}/`, label)
          : Promise.resolve(isFile(entry) ? [prefix + entry.path] : []),
      ),
    );
    return nested.flat();
  }

  function describe(folder: UpstreamFolder, filePath: string): string {
    const { repository, branch } = repositoryOf(folder);
    return `https://github.com/${repository}/blob/${resolvedHeads.get(folder)?.sha ?? branch}/${filePath}`;
  }

  return {
    origin: apiUrl === DEFAULT_API_URL ? 'GitHub' : `GitHub API at ${apiUrl}`,

    async listFiles(folder, dir) {
      const segments = splitPath(dir, `upstream/${folder}/${dir}`);
      const label = `${folder}/${segments.join('/')}`;
      counts.list.total++;
      const { sha, treeSha } = await head(folder);
      const dirLabel = `https://github.com/${repositoryOf(folder).repository}/tree/${sha}/${segments.join('/')}`;
      const dirSha = await findDirectory(folder, treeSha, segments, dirLabel);
      const prefix = segments.length ? `${segments.join('/')}/` : '';
      const files = dirSha ? await blobsUnder(folder, dirSha, prefix, dirLabel) : [];
      counts.list.done++;
      progress({ phase: 'list', ...counts.list, path: label });
      return files.sort();
    },

    async readFile(folder, filePath) {
      const segments = splitPath(filePath, `upstream/${folder}/${filePath}`);
      const { repository } = repositoryOf(folder);
      counts.fetch.total++;
      const { sha } = await head(folder);
      const url = `${rawUrl}/${repository}/${sha}/${segments.map(encodeURIComponent).join('/')}`;
      let text: string | null;
      try {
        text = (await get(url, rawHeaders, `${folder}/${filePath}`)).text;
      } catch (error) {
        throw new ImportError(describe(folder, filePath), null, `download failed: ${errorMessage(error)}`);
      }
      counts.fetch.done++;
      progress({ phase: 'fetch', ...counts.fetch, path: `${folder}/${filePath}` });
      return text;
    },

    async readCurated(name) {
      const curatedDir = path.resolve(options.curatedDir);
      const file = path.resolve(curatedDir, name);
      if (!file.startsWith(curatedDir + path.sep))
        throw new ImportError(`curated/${name}`, null, 'curated file name leaves the curated folder');
      try {
        return await readLocalFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw new ImportError(file, null, `cannot read: ${errorMessage(error)}`);
      }
    },

    async repositories(): Promise<SourceRepository[]> {
      const folders = Object.keys(UPSTREAM_REPOSITORIES) as UpstreamFolder[];
      const resolved = await Promise.all(folders.map((folder) => head(folder)));
      return folders.map((folder, index) => {
        const { repository, license } = UPSTREAM_REPOSITORIES[folder];
        const { sha, commitDate } = resolved[index]!;
        return { folder, repository, commit: sha, commitDate, license };
      });
    },

    describe,
  };
}

function isFile(entry: TreeResponse['tree'][number]): boolean {
  return entry.type === 'blob' && entry.mode !== SYMLINK_MODE;
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

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
