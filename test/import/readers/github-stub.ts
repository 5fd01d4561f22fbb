/**
 * A loopback stand-in for GitHub: the commits and git/trees API shapes under /api, and
 * raw.githubusercontent.com's /{owner}/{repo}/{sha}/{path} under /raw, serving fixture files.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UPSTREAM_REPOSITORIES, type UpstreamFolder } from '../../../src/import/source.ts';

export const FIXTURE_UPSTREAM = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/upstream');

/** A file tree as repository-relative path → bytes. */
export type FileTree = Map<string, Buffer>;

export type Fault =
  | { status: number; headers?: Record<string, string>; body?: string }
  /** Never answers. */
  | 'hang'
  /** Sends headers and part of the body, then never finishes. */
  | 'stall-body';

export interface RecordedRequest {
  url: string;
  authorization: string | undefined;
  ifNoneMatch: string | undefined;
  /** The status the stub answered with (set when it answers). */
  status?: number;
}

interface Commit {
  sha: string;
  date: string;
  treeSha: string;
  files: FileTree;
}

interface TreeEntry {
  path: string;
  mode: string;
  type: 'blob' | 'tree';
  sha: string;
  size?: number;
}

export interface StubOptions {
  /** Recursive tree listings longer than this come back truncated, as GitHub does past its limit. */
  truncateRecursiveAbove?: number;
  /**
   * Holds raw downloads until no new one has arrived for this long, then answers them all: every
   * request a client sends at once is in flight together, so `maxInFlight` shows its true peak.
   */
  holdRawUntilQuietMs?: number;
}

export class GitHubStub {
  readonly requests: RecordedRequest[] = [];
  inFlight = 0;
  maxInFlight = 0;
  private server: Server | null = null;
  private readonly heads = new Map<string, Commit>();
  private readonly commits = new Map<string, Commit>();
  private readonly trees = new Map<string, TreeEntry[]>();
  private readonly faults: Array<{ match: string; queue: Fault[] }> = [];
  private readonly held: Array<() => void> = [];
  private quietTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: StubOptions = {}) {}

  get apiUrl(): string {
    return `${this.origin}/api`;
  }

  get rawUrl(): string {
    return `${this.origin}/raw`;
  }

  private get origin(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('stub not started');
    return `http://127.0.0.1:${address.port}`;
  }

  /** Makes `files` the new head of the repository's branch (earlier commits stay downloadable). */
  setHead(repository: string, files: FileTree, date = '2026-07-24T10:11:12Z'): string {
    const treeSha = this.storeTree(files);
    const sha = sha1(`commit ${repository} ${treeSha} ${date} ${this.commits.size}`);
    const commit = { sha, date, treeSha, files };
    this.commits.set(`${repository} ${sha}`, commit);
    this.heads.set(repository, commit);
    return sha;
  }

  /** The next requests whose URL contains `match` get these answers, in order. */
  fail(match: string, ...faults: Fault[]): void {
    this.faults.push({ match, queue: faults });
  }

  requestsTo(match: string): RecordedRequest[] {
    return this.requests.filter((request) => request.url.includes(match));
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => this.handle(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    clearTimeout(this.quietTimer);
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const url = request.url ?? '/';
    const recorded: RecordedRequest = {
      url,
      authorization: request.headers.authorization,
      ifNoneMatch: request.headers['if-none-match'],
    };
    this.requests.push(recorded);
    const writeHead = response.writeHead.bind(response);
    response.writeHead = ((status: number, ...rest: unknown[]) => {
      recorded.status = status;
      return (writeHead as (...args: unknown[]) => ServerResponse)(status, ...rest);
    }) as typeof response.writeHead;
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    response.on('close', () => this.inFlight--);

    const fault = this.nextFault(url);
    if (fault === 'hang') return;
    if (fault === 'stall-body') {
      response.writeHead(200, { 'content-type': 'text/plain', 'content-length': '1000' });
      response.write('partial');
      return;
    }
    if (fault) {
      response.writeHead(fault.status, fault.headers);
      response.end(fault.body ?? '');
      return;
    }

    const { pathname, searchParams } = new URL(url, 'http://stub');
    if (pathname.startsWith('/api/'))
      return void this.api(pathname.slice('/api'.length), searchParams, response, request.headers['if-none-match']);
    if (pathname.startsWith('/raw/')) {
      const answer = () => this.raw(pathname.slice('/raw'.length), response);
      const quietMs = this.options.holdRawUntilQuietMs;
      if (quietMs === undefined) return void answer();
      this.held.push(answer);
      clearTimeout(this.quietTimer);
      this.quietTimer = setTimeout(() => this.releaseHeld(), quietMs);
      return;
    }
    notFound(response);
  }

  private releaseHeld(): void {
    for (const answer of this.held.splice(0)) answer();
  }

  private nextFault(url: string): Fault | undefined {
    for (const entry of this.faults) {
      if (url.includes(entry.match) && entry.queue.length > 0) return entry.queue.shift();
    }
    return undefined;
  }

  private api(route: string, query: URLSearchParams, response: ServerResponse, ifNoneMatch: string | undefined): void {
    const commitMatch = /^\/repos\/([^/]+\/[^/]+)\/commits\/([^/]+)$/.exec(route);
    if (commitMatch) {
      const head = this.heads.get(commitMatch[1]!);
      if (!head) return void notFound(response, true);
      // GitHub's conditional requests: the same ETag back means "unchanged", 304 with no body.
      const etag = `W/"${sha1(`etag ${head.sha}`)}"`;
      if (ifNoneMatch === etag) {
        response.writeHead(304, { etag });
        response.end();
        return;
      }
      response.setHeader('etag', etag);
      return void json(response, {
        sha: head.sha,
        commit: {
          author: { name: 'someone', date: head.date },
          committer: { name: 'GitHub', date: head.date },
          message: 'Merge pull request',
          tree: { sha: head.treeSha, url: `https://api.github.com/repos/${commitMatch[1]}/git/trees/${head.treeSha}` },
        },
      });
    }
    const treeMatch = /^\/repos\/([^/]+\/[^/]+)\/git\/trees\/([0-9a-f]{40})$/.exec(route);
    if (treeMatch) {
      const sha = treeMatch[2]!;
      if (!this.trees.has(sha)) return void notFound(response, true);
      const recursive = query.get('recursive') === '1';
      let entries = recursive ? this.flatten(sha, '') : this.trees.get(sha)!;
      let truncated = false;
      const limit = this.options.truncateRecursiveAbove;
      if (recursive && limit !== undefined && entries.length > limit) {
        entries = entries.slice(0, limit);
        truncated = true;
      }
      return void json(response, {
        sha,
        url: `https://api.github.com/repos/${treeMatch[1]}/git/trees/${sha}`,
        tree: entries,
        truncated,
      });
    }
    notFound(response, true);
  }

  private raw(route: string, response: ServerResponse): void {
    const match = /^\/([^/]+\/[^/]+)\/([0-9a-f]{40})\/(.+)$/.exec(route);
    const commit = match ? this.commits.get(`${match[1]} ${match[2]}`) : undefined;
    const file = commit?.files.get(decodeURIComponent(match![3]!));
    if (!file) return void notFound(response);
    response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': String(file.length) });
    response.end(file);
  }

  /** Stores the nested trees of a file set and returns the root tree's SHA. */
  private storeTree(files: FileTree): string {
    const build = (prefix: string): string => {
      const names = new Map<string, 'blob' | 'tree'>();
      for (const filePath of files.keys()) {
        if (!filePath.startsWith(prefix)) continue;
        const [name, ...rest] = filePath.slice(prefix.length).split('/');
        names.set(name!, rest.length > 0 ? 'tree' : 'blob');
      }
      const entries: TreeEntry[] = [...names]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([name, type]) => {
          if (type === 'tree') return { path: name, mode: '040000', type, sha: build(`${prefix}${name}/`) };
          const bytes = files.get(prefix + name)!;
          return { path: name, mode: '100644', type, sha: gitBlobSha(bytes), size: bytes.length };
        });
      const sha = sha1(`tree ${JSON.stringify(entries)}`);
      this.trees.set(sha, entries);
      return sha;
    };
    return build('');
  }

  /** GitHub's recursive listing: every entry, trees included, with paths relative to the listed tree. */
  private flatten(sha: string, prefix: string): TreeEntry[] {
    return this.trees.get(sha)!.flatMap((entry) => {
      const own = { ...entry, path: prefix + entry.path };
      return entry.type === 'tree' ? [own, ...this.flatten(entry.sha, `${own.path}/`)] : [own];
    });
  }
}

/** The fixture files of one upstream folder (under `upstream`), keyed by repository-relative path. */
export function fixtureFiles(folder: UpstreamFolder, upstream: string = FIXTURE_UPSTREAM): FileTree {
  const root = path.join(upstream, folder);
  const files: FileTree = new Map();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.set(path.relative(root, full).split(path.sep).join('/'), readFileSync(full));
    }
  };
  walk(root);
  return files;
}

/** A stub serving every upstream repository: the fixture folders, and empty trees for the rest. */
export async function startStub(options: StubOptions = {}): Promise<GitHubStub> {
  const stub = new GitHubStub(options);
  for (const [folder, { repository }] of Object.entries(UPSTREAM_REPOSITORIES)) {
    const hasFixtures = folder === 'kubernetes-enhancements' || folder === 'pluto';
    stub.setHead(repository, hasFixtures ? fixtureFiles(folder as UpstreamFolder) : new Map());
  }
  await stub.start();
  return stub;
}

function json(response: ServerResponse, body: unknown): void {
  response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

function notFound(response: ServerResponse, api = false): void {
  response.writeHead(404, { 'content-type': api ? 'application/json' : 'text/plain' });
  response.end(
    api
      ? JSON.stringify({ message: 'Not Found', documentation_url: 'https://docs.github.com/rest' })
      : '404: Not Found',
  );
}

function sha1(text: string | Buffer): string {
  return createHash('sha1').update(text).digest('hex');
}

function gitBlobSha(bytes: Buffer): string {
  return sha1(Buffer.concat([Buffer.from(`blob ${bytes.length}\0`), bytes]));
}
