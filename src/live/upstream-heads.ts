import type { Manifest } from '../domain/manifest.ts';
import { UPSTREAM_REPOSITORIES, type UpstreamFolder } from '../import/source.ts';

export interface HeadProbeOptions {
  apiUrl: string;
  token?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface HeadCheck {
  /** Folders whose branch head differs from the commit the dataset was built from. */
  changed: UpstreamFolder[];
  /** Requests GitHub answered 304 Not Modified (free of rate limit). */
  notModified: number;
  requests: number;
}

/**
 * Asks GitHub where each upstream branch points, with the ETag of the previous answer: an unchanged
 * branch costs one 304 (which GitHub does not count against the rate limit), so an unchanged upstream
 * costs six small requests and no download.
 */
export function createHeadProbe(options: HeadProbeOptions) {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const apiUrl = options.apiUrl.replace(/\/+$/, '');
  const known = new Map<UpstreamFolder, { etag: string; sha: string }>();

  async function head(folder: UpstreamFolder): Promise<{ sha: string; notModified: boolean }> {
    const { repository, branch } = UPSTREAM_REPOSITORIES[folder];
    const url = `${apiUrl}/repos/${repository}/commits/${encodeURIComponent(branch)}`;
    const previous = known.get(folder);
    const response = await fetchImpl(url, {
      headers: {
        accept: 'application/vnd.github+json',
        'x-github-api-version': '2022-11-28',
        'user-agent': 'k8s-release-bot-refresh',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(previous ? { 'if-none-match': previous.etag } : {}),
      },
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
    if (response.status === 304 && previous) return { sha: previous.sha, notModified: true };
    if (response.status !== 200) {
      await response.body?.cancel().catch(() => undefined);
      throw new Error(
        `${url}: HTTP ${response.status}${response.status === 403 ? ' (rate limited? set GITHUB_TOKEN)' : ''}`,
      );
    }
    const body = (await response.json()) as { sha?: unknown };
    if (typeof body.sha !== 'string' || !/^[0-9a-f]{40}$/.test(body.sha))
      throw new Error(`${url}: sha: not a commit SHA`);
    const etag = response.headers.get('etag');
    if (etag) known.set(folder, { etag, sha: body.sha });
    return { sha: body.sha, notModified: false };
  }

  return {
    async check(manifest: Manifest): Promise<HeadCheck> {
      const folders = Object.keys(UPSTREAM_REPOSITORIES) as UpstreamFolder[];
      const heads = await Promise.all(folders.map(head));
      const changed = folders.filter(
        (folder, index) => manifest.sources.find((source) => source.folder === folder)?.commit !== heads[index]!.sha,
      );
      return { changed, notModified: heads.filter((h) => h.notModified).length, requests: folders.length };
    },
  };
}
