import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImportError } from '../../../src/import/errors.ts';
import type { ProgressEvent } from '../../../src/import/progress.ts';
import { createGitHubReader, type GitHubReaderOptions } from '../../../src/import/readers/github.ts';
import { fixtureFiles, startStub, type GitHubStub } from './github-stub.ts';

const KEP_3836 = 'keps/sig-network/3836-kube-proxy-improved-ingress-connectivity-reliability';
const KEP_793 = 'keps/sig-node/793-node-os-arch-labels';
const ENHANCEMENTS = fixtureFiles('kubernetes-enhancements');
const PLUTO = fixtureFiles('pluto');

let stub: GitHubStub;
let curatedDir: string;

beforeEach(async () => {
  curatedDir = await mkdtemp(path.join(tmpdir(), 'curated-'));
});

afterEach(async () => {
  await stub?.stop();
  await rm(curatedDir, { recursive: true, force: true });
});

function reader(overrides: Partial<GitHubReaderOptions> = {}) {
  return createGitHubReader({
    apiUrl: stub.apiUrl,
    rawUrl: stub.rawUrl,
    curatedDir,
    retryBaseMs: 1,
    timeoutMs: 2_000,
    ...overrides,
  });
}

describe('GitHub reader: listing and reading', () => {
  beforeEach(async () => {
    stub = await startStub();
  });

  it('lists every file under a directory, sorted, from the repository tree', async () => {
    const github = reader();
    expect(await github.listFiles('kubernetes-enhancements', 'keps')).toEqual([
      `${KEP_3836}/README.md`,
      `${KEP_3836}/kep.yaml`,
      `${KEP_793}/README.md`,
      `${KEP_793}/kep.yaml`,
    ]);
    expect(await github.listFiles('kubernetes-enhancements', 'keps/sig-node/')).toEqual([
      `${KEP_793}/README.md`,
      `${KEP_793}/kep.yaml`,
    ]);
    expect(await github.listFiles('pluto', '')).toEqual(['versions.yaml']);
    expect(await github.listFiles('kubernetes-enhancements', 'keps/sig-missing')).toEqual([]);
    expect(await github.listFiles('kubernetes-enhancements', `${KEP_793}/kep.yaml`)).toEqual([]);
  });

  it('reads files byte-for-byte as upstream has them', async () => {
    const github = reader();
    expect(await github.readFile('kubernetes-enhancements', `${KEP_3836}/kep.yaml`)).toBe(
      ENHANCEMENTS.get(`${KEP_3836}/kep.yaml`)!.toString('utf8'),
    );
    expect(await github.readFile('pluto', 'versions.yaml')).toBe(PLUTO.get('versions.yaml')!.toString('utf8'));
    expect(await github.readFile('kubernetes-enhancements', `${KEP_3836}/kep.yaml`)).toContain(
      'KubeProxyDrainingTerminatingNodes',
    );
  });

  it('keeps a byte-order mark, as reading from disk does', async () => {
    stub.setHead('FairwindsOps/pluto', new Map([['versions.yaml', Buffer.from('\uFEFFdeprecated-versions: []\n')]]));
    expect(await reader().readFile('pluto', 'versions.yaml')).toBe('\uFEFFdeprecated-versions: []\n');
  });

  it('answers null for a file that does not exist', async () => {
    expect(await reader().readFile('kubernetes-enhancements', 'keps/sig-node/0000-missing/kep.yaml')).toBeNull();
  });

  it('pins every download to the commit the branch pointed at when first resolved', async () => {
    const github = reader();
    const before = await github.readFile('pluto', 'versions.yaml');
    const [firstRequest] = stub.requestsTo('/commits/');
    expect(firstRequest!.url).toBe('/api/repos/FairwindsOps/pluto/commits/master');
    const pinned = (await github.repositories()).find((repo) => repo.folder === 'pluto')!.commit!;

    const movedTo = stub.setHead('FairwindsOps/pluto', new Map([['versions.yaml', Buffer.from('moved on\n')]]));
    expect(await github.readFile('pluto', 'versions.yaml')).toBe(before);
    expect(await github.listFiles('pluto', '')).toEqual(['versions.yaml']);

    const raw = stub.requestsTo('/raw/FairwindsOps/pluto/');
    expect(raw.map((request) => request.url)).toEqual([
      `/raw/FairwindsOps/pluto/${pinned}/versions.yaml`,
      `/raw/FairwindsOps/pluto/${pinned}/versions.yaml`,
    ]);
    expect(movedTo).not.toBe(pinned);
    expect(stub.requestsTo('/repos/FairwindsOps/pluto/commits/')).toHaveLength(1);
  });

  it('fetches each tree listing once and reuses it', async () => {
    const github = reader();
    await github.listFiles('kubernetes-enhancements', 'keps');
    const afterFirst = stub.requestsTo('/git/trees/').length;
    await github.listFiles('kubernetes-enhancements', 'keps');
    expect(stub.requestsTo('/git/trees/').length).toBe(afterFirst);
  });

  it('reports each repository with its pinned commit, UTC commit date and licence', async () => {
    const enhancementsSha = stub.setHead('kubernetes/enhancements', ENHANCEMENTS, '2026-07-24T23:30:00-02:00');
    const repositories = await reader().repositories();
    expect(repositories.map((repo) => repo.folder)).toEqual([
      'kubernetes-enhancements',
      'kubernetes-sig-release',
      'kubernetes-website',
      'kubernetes-kubernetes',
      'pluto',
      'endoflife-date-release-data',
      'endoflife.date',
    ]);
    expect(repositories[0]).toEqual({
      folder: 'kubernetes-enhancements',
      repository: 'kubernetes/enhancements',
      commit: enhancementsSha,
      commitDate: '2026-07-25',
      license: 'Apache-2.0',
    });
    for (const repo of repositories.slice(1)) {
      expect(repo.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(repo.commitDate).toBe('2026-07-24');
    }
    expect(repositories.find((repo) => repo.folder === 'kubernetes-website')!.license).toBe('CC-BY-4.0');
  });

  it('describes a file by its GitHub page at the pinned commit', async () => {
    const github = reader();
    expect(github.describe('pluto', 'versions.yaml')).toBe(
      'https://github.com/FairwindsOps/pluto/blob/master/versions.yaml',
    );
    await github.readFile('pluto', 'versions.yaml');
    const sha = (await github.repositories()).find((repo) => repo.folder === 'pluto')!.commit;
    expect(github.describe('pluto', 'versions.yaml')).toBe(
      `https://github.com/FairwindsOps/pluto/blob/${sha}/versions.yaml`,
    );
  });

  it('reads curated files from the local folder, not the network', async () => {
    await writeFile(path.join(curatedDir, 'release-announcements.yaml'), 'releases: []\n');
    const github = reader();
    expect(await github.readCurated('release-announcements.yaml')).toBe('releases: []\n');
    expect(await github.readCurated('absent.yaml')).toBeNull();
    await expect(github.readCurated('../escape.yaml')).rejects.toThrow(
      /curated\/\.\.\/escape\.yaml.*leaves the curated folder/,
    );
    expect(stub.requests).toHaveLength(0);
  });
});

describe('GitHub reader: truncated listings', () => {
  it('lists subtrees one by one when GitHub truncates a recursive listing', async () => {
    stub = await startStub({ truncateRecursiveAbove: 3 });
    const files = await reader().listFiles('kubernetes-enhancements', 'keps');
    expect(files).toEqual([
      `${KEP_3836}/README.md`,
      `${KEP_3836}/kep.yaml`,
      `${KEP_793}/README.md`,
      `${KEP_793}/kep.yaml`,
    ]);
    const trees = stub.requestsTo('/git/trees/').map((request) => request.url);
    expect(trees.filter((url) => url.endsWith('?recursive=1')).length).toBeGreaterThan(1);
  });
});

describe('GitHub reader: failures and retries', () => {
  beforeEach(async () => {
    stub = await startStub();
  });

  it('retries a 500 and then returns the file', async () => {
    const events: ProgressEvent[] = [];
    stub.fail('/raw/FairwindsOps/pluto/', { status: 500, body: 'oops' });
    const text = await reader({ progress: (event) => events.push(event) }).readFile('pluto', 'versions.yaml');
    expect(text).toBe(PLUTO.get('versions.yaml')!.toString('utf8'));
    expect(stub.requestsTo('/raw/FairwindsOps/pluto/')).toHaveLength(2);
    expect(events).toContainEqual(
      expect.objectContaining({
        phase: 'retry',
        path: 'pluto/versions.yaml',
        attempt: 1,
        attempts: 4,
        reason: 'HTTP 500',
      }),
    );
  });

  it('retries a 429 after the Retry-After the server asks for', async () => {
    stub.fail('/raw/FairwindsOps/pluto/', { status: 429, headers: { 'retry-after': '0' } });
    const events: ProgressEvent[] = [];
    expect(await reader({ progress: (event) => events.push(event) }).readFile('pluto', 'versions.yaml')).toContain(
      'deprecated-versions',
    );
    expect(stub.requestsTo('/raw/FairwindsOps/pluto/')).toHaveLength(2);
    expect(events).toContainEqual(expect.objectContaining({ phase: 'retry', waitMs: 0 }));
  });

  it('retries an API call that hit the rate limit once the window has reset', async () => {
    const resetNow = String(Math.floor(Date.now() / 1000) - 5);
    stub.fail('/commits/', { status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': resetNow } });
    expect(await reader().readFile('pluto', 'versions.yaml')).toContain('deprecated-versions');
    expect(stub.requestsTo('/commits/')).toHaveLength(2);
  });

  it('fails at once, naming the repository, when the rate limit resets too far ahead', async () => {
    const inAnHour = String(Math.floor(Date.now() / 1000) + 3600);
    stub.fail('/commits/', { status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': inAnHour } });
    const failure = reader().readFile('pluto', 'versions.yaml');
    await expect(failure).rejects.toThrow(ImportError);
    await expect(failure).rejects.toThrow(
      /FairwindsOps\/pluto@master: .*rate limit exhausted \(set GITHUB_TOKEN.*giving up/,
    );
    expect(stub.requestsTo('/commits/')).toHaveLength(1);
  });

  it('gives up after the retries, naming the file and the URL', async () => {
    stub.fail(
      '/raw/FairwindsOps/pluto/',
      { status: 503 },
      { status: 502 },
      { status: 500 },
      { status: 500 },
      { status: 500 },
    );
    const github = reader({ retries: 3 });
    const failure = github.readFile('pluto', 'versions.yaml');
    await expect(failure).rejects.toThrow(
      /^https:\/\/github\.com\/FairwindsOps\/pluto\/blob\/[0-9a-f]{40}\/versions\.yaml: download failed: http:\/\/127\.0\.0\.1:\d+\/raw\/FairwindsOps\/pluto\/[0-9a-f]{40}\/versions\.yaml: HTTP 500 \(gave up after 4 attempts\)$/,
    );
    expect(stub.requestsTo('/raw/FairwindsOps/pluto/')).toHaveLength(4);
  });

  it('does not retry a client error other than rate limiting', async () => {
    stub.fail('/raw/FairwindsOps/pluto/', { status: 403 });
    await expect(reader().readFile('pluto', 'versions.yaml')).rejects.toThrow(/versions\.yaml: HTTP 403$/);
    expect(stub.requestsTo('/raw/FairwindsOps/pluto/')).toHaveLength(1);
  });

  it('aborts a request that hangs, retries it, and returns the file', async () => {
    stub.fail('/raw/FairwindsOps/pluto/', 'hang');
    const events: ProgressEvent[] = [];
    const text = await reader({ timeoutMs: 200, progress: (event) => events.push(event) }).readFile(
      'pluto',
      'versions.yaml',
    );
    expect(text).toContain('deprecated-versions');
    expect(events).toContainEqual(expect.objectContaining({ phase: 'retry', reason: 'timed out after 200 ms' }));
  });

  it('times out a body that stops half way', async () => {
    stub.fail('/raw/FairwindsOps/pluto/', 'stall-body');
    expect(await reader({ timeoutMs: 200 }).readFile('pluto', 'versions.yaml')).toContain('deprecated-versions');
    expect(stub.requestsTo('/raw/FairwindsOps/pluto/')).toHaveLength(2);
  });

  it('fails naming the file when every attempt hangs', async () => {
    stub.fail('/raw/FairwindsOps/pluto/', 'hang', 'hang', 'hang');
    await expect(reader({ timeoutMs: 150, retries: 2 }).readFile('pluto', 'versions.yaml')).rejects.toThrow(
      /FairwindsOps\/pluto\/blob\/[0-9a-f]{40}\/versions\.yaml: download failed: .*timed out after 150 ms \(gave up after 3 attempts\)/,
    );
    expect(stub.requestsTo('/raw/FairwindsOps/pluto/')).toHaveLength(3);
  });

  it('fails naming the repository when its branch is not found', async () => {
    stub.fail('/commits/', { status: 404, body: '{"message":"Not Found"}' });
    await expect(reader().listFiles('pluto', '')).rejects.toThrow(/^FairwindsOps\/pluto@master: branch not found/);
  });

  it('names the field when the API answers in an unexpected shape', async () => {
    stub.fail('/commits/', { status: 200, body: '{"sha":"abc"}' });
    await expect(reader().listFiles('pluto', '')).rejects.toThrow(
      /^FairwindsOps\/pluto@master: sha: unexpected response from .*commits\/master: must be a 40-character commit SHA/,
    );
  });

  it('says so when the token is rejected, without retrying or showing it', async () => {
    stub.fail('/commits/', { status: 401, body: '{"message":"Bad credentials"}' });
    const failure = reader({ token: 'ghp_secret123' }).readFile('pluto', 'versions.yaml');
    await expect(failure).rejects.toThrow(/the GitHub token was rejected \(check GITHUB_TOKEN\)/);
    await expect(failure).rejects.not.toThrow(/ghp_secret123/);
    expect(stub.requestsTo('/commits/')).toHaveLength(1);
  });
});

describe('GitHub reader: token, concurrency and progress', () => {
  it('sends the token to the API only, never to raw downloads', async () => {
    stub = await startStub();
    const github = reader({ token: 'ghp_secret123' });
    await github.listFiles('kubernetes-enhancements', 'keps');
    await github.readFile('kubernetes-enhancements', `${KEP_793}/kep.yaml`);
    const api = stub.requestsTo('/api/');
    const raw = stub.requestsTo('/raw/');
    expect(api.length).toBeGreaterThan(1);
    expect(raw).toHaveLength(1);
    expect(api.every((request) => request.authorization === 'Bearer ghp_secret123')).toBe(true);
    expect(raw.every((request) => request.authorization === undefined)).toBe(true);
  });

  it('sends no Authorization header at all without a token', async () => {
    stub = await startStub();
    await reader().listFiles('pluto', '');
    expect(stub.requests.every((request) => request.authorization === undefined)).toBe(true);
  });

  it('keeps no more requests in flight than the concurrency allows, however many reads are asked at once', async () => {
    stub = await startStub({ holdRawUntilQuietMs: 50 });
    const github = reader({ concurrency: 3 });
    const paths = [...ENHANCEMENTS.keys()];
    const reads = Array.from({ length: 24 }, (_, index) =>
      github.readFile('kubernetes-enhancements', paths[index % paths.length]!),
    );
    const texts = await Promise.all(reads);
    expect(texts.every((text) => typeof text === 'string' && text.length > 0)).toBe(true);
    expect(stub.requestsTo('/raw/')).toHaveLength(24);
    expect(stub.maxInFlight).toBe(3);
  });

  it('reports progress for resolving, listing and every fetched file', async () => {
    stub = await startStub();
    const events: ProgressEvent[] = [];
    const github = reader({ progress: (event) => events.push(event) });
    const files = await github.listFiles('kubernetes-enhancements', 'keps');
    await Promise.all(files.map((file) => github.readFile('kubernetes-enhancements', file)));

    expect(events[0]).toEqual({ phase: 'resolve', done: 1, total: 1, path: 'kubernetes/enhancements@master' });
    expect(events[1]).toEqual({ phase: 'list', done: 1, total: 1, path: 'kubernetes-enhancements/keps' });
    const fetches = events.filter((event) => event.phase === 'fetch');
    expect(fetches.map((event) => event.phase === 'fetch' && event.done)).toEqual([1, 2, 3, 4]);
    expect(fetches.every((event) => event.phase === 'fetch' && event.total === 4)).toBe(true);
    expect(fetches.map((event) => event.path).sort()).toEqual(files.map((file) => `kubernetes-enhancements/${file}`));
  });
});
