import { z } from 'zod';
import { ImportError } from '../errors.ts';
import { UPSTREAM_REPOSITORIES, type UpstreamFolder } from '../source.ts';
import type { GitHubClient } from './github-client.ts';

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
type TreeEntry = TreeResponse['tree'][number];

export interface Head {
  sha: string;
  treeSha: string;
  commitDate: string;
}

const SYMLINK_MODE = '120000';

export function repositoryOf(folder: UpstreamFolder) {
  const spec = UPSTREAM_REPOSITORIES[folder];
  if (!spec) throw new ImportError(`upstream/${String(folder)}`, null, 'unknown upstream folder');
  return spec;
}

/**
 * Each upstream repository's branch head, resolved once per sync, and its trees (the API's listings),
 * fetched once each. A failed request is forgotten so the next caller tries again.
 */
export class RepositoryTrees {
  private readonly heads = new Map<UpstreamFolder, Promise<Head>>();
  private readonly resolvedHeads = new Map<UpstreamFolder, Head>();
  private readonly trees = new Map<string, Promise<TreeResponse>>();

  constructor(
    private readonly client: GitHubClient,
    private readonly apiUrl: string,
    /** Called when a head is resolved, with the label it was resolved as. */
    private readonly onResolve: { started: () => void; done: (label: string) => void },
  ) {}

  /** The commit every download of this folder is pinned to. */
  head(folder: UpstreamFolder): Promise<Head> {
    return cached(this.heads, folder, () => this.resolveHead(folder));
  }

  /** The head, once resolved (for naming files in errors). */
  resolvedHead(folder: UpstreamFolder): Head | undefined {
    return this.resolvedHeads.get(folder);
  }

  /**
   * Every file (symlinks left out) under `segments` of the folder's head, sorted; none when the directory is absent.
   */
  async filesUnder(folder: UpstreamFolder, segments: string[]): Promise<string[]> {
    const { sha, treeSha } = await this.head(folder);
    const label = `https://github.com/${repositoryOf(folder).repository}/tree/${sha}/${segments.join('/')}`;
    const dirSha = await this.findDirectory(folder, treeSha, segments, label);
    const prefix = segments.length ? `${segments.join('/')}/` : '';
    return dirSha ? (await this.blobsUnder(folder, dirSha, prefix, label)).sort() : [];
  }

  private async resolveHead(folder: UpstreamFolder): Promise<Head> {
    const { repository, branch } = repositoryOf(folder);
    const label = `${repository}@${branch}`;
    this.onResolve.started();
    const url = `${this.apiUrl}/repos/${repository}/commits/${encodeURIComponent(branch)}`;
    const commit = await this.client.getJson(url, CommitResponse, label);
    if (!commit) throw new ImportError(label, null, `branch not found (${url} answered 404)`);
    const committed = commit.commit.committer.date;
    const date = new Date(committed);
    if (Number.isNaN(date.getTime()))
      throw new ImportError(label, 'commit.committer.date', `not a date: ${JSON.stringify(committed)}`);
    const resolved = { sha: commit.sha, treeSha: commit.commit.tree.sha, commitDate: date.toISOString().slice(0, 10) };
    this.resolvedHeads.set(folder, resolved);
    this.onResolve.done(label);
    return resolved;
  }

  private tree(folder: UpstreamFolder, sha: string, recursive: boolean, label: string): Promise<TreeResponse> {
    const { repository } = repositoryOf(folder);
    return cached(this.trees, `${repository} ${sha} ${recursive}`, async () => {
      const url = `${this.apiUrl}/repos/${repository}/git/trees/${sha}${recursive ? '?recursive=1' : ''}`;
      const response = await this.client.getJson(url, TreeResponse, label);
      if (!response) throw new ImportError(label, null, `tree ${sha} not found (${url} answered 404)`);
      return response;
    });
  }

  /** The tree SHA of `segments` under the root tree, walking one level at a time; null if absent. */
  private async findDirectory(
    folder: UpstreamFolder,
    rootSha: string,
    segments: string[],
    label: string,
  ): Promise<string | null> {
    let sha = rootSha;
    for (const segment of segments) {
      const entries = (await this.tree(folder, sha, false, label)).tree;
      const child = entries.find((entry) => entry.path === segment && entry.type === 'tree');
      if (!child) return null;
      sha = child.sha;
    }
    return sha;
  }

  /** Every blob under a tree; when GitHub truncates the recursive listing, lists each child tree on its own. */
  private async blobsUnder(folder: UpstreamFolder, sha: string, prefix: string, label: string): Promise<string[]> {
    const recursive = await this.tree(folder, sha, true, label);
    if (!recursive.truncated) return recursive.tree.filter(isFile).map((entry) => prefix + entry.path);
    const shallow = await this.tree(folder, sha, false, label);
    if (shallow.truncated)
      throw new ImportError(label, null, `GitHub truncated even the one-level listing of tree ${sha}`);
    const nested = await Promise.all(
      shallow.tree.map((entry) =>
        entry.type === 'tree'
          ? this.blobsUnder(folder, entry.sha, `${prefix}${entry.path}/`, label)
          : Promise.resolve(isFile(entry) ? [prefix + entry.path] : []),
      ),
    );
    return nested.flat();
  }
}

/** The promise kept under `key`, started by `start` when there is none; dropped again if it fails. */
function cached<K, V>(cache: Map<K, Promise<V>>, key: K, start: () => Promise<V>): Promise<V> {
  let pending = cache.get(key);
  if (!pending) {
    pending = start();
    cache.set(key, pending);
    pending.catch(() => cache.delete(key));
  }
  return pending;
}

function isFile(entry: TreeEntry): boolean {
  return entry.type === 'blob' && entry.mode !== SYMLINK_MODE;
}
