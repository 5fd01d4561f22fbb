import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUNDLED_DATA_DIR } from '../../src/data/paths.ts';
import { loadDataset } from '../../src/data/load.ts';
import { UPSTREAM_REPOSITORIES, type UpstreamFolder } from '../../src/import/source.ts';
import { nextDelayMs, startRefresher, type Refresher } from '../../src/live/refresh.ts';
import { loadNewestPersisted } from '../../src/live/persisted.ts';
import { LiveData } from '../../src/live/snapshot.ts';
import { silentLogger } from '../../src/log.ts';
import { fixtureFiles, GitHubStub } from '../import/readers/github-stub.ts';
import { buildDataset, MINI_TREE } from './helpers.ts';

const MINI_UPSTREAM = path.join(MINI_TREE, 'upstream');
const PATCH_FILE = 'releases/kubernetes.json';

let stub: GitHubStub;
let refresher: Refresher | null = null;
const temporary: string[] = [];
afterEach(async () => {
  await refresher?.stop();
  await stub?.stop();
  await Promise.all(temporary.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function startMiniGitHub(): Promise<GitHubStub> {
  const github = new GitHubStub();
  for (const [folder, { repository }] of Object.entries(UPSTREAM_REPOSITORIES)) {
    github.setHead(repository, fixtureFiles(folder as UpstreamFolder, MINI_UPSTREAM), '2026-08-22T08:00:00Z');
  }
  await github.start();
  return github;
}

function refresherFor(live: LiveData, dataDir: string): Refresher {
  return startRefresher({
    live,
    dataDir,
    source: { kind: 'github', apiUrl: stub.apiUrl, rawUrl: stub.rawUrl },
    intervalMs: null,
    overridesFile: path.join(BUNDLED_DATA_DIR, 'overrides.yaml'),
    curatedDir: path.join(MINI_TREE, 'curated'),
    logger: silentLogger,
  });
}

describe('refresh over HTTPS (a local stand-in answering like GitHub)', () => {
  it('imports on a moved head, then costs one 304 per upstream repository and no download while nothing moves; a changed head imports again', async () => {
    stub = await startMiniGitHub();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'k8s-refresh-gh-'));
    const baseDir = await buildDataset(MINI_TREE);
    temporary.push(dataDir, baseDir);
    // Built from the local tree, whose commits differ from the stub's: the first check sees every head moved.
    const live = new LiveData(loadDataset(baseDir), 'base');
    refresher = refresherFor(live, dataDir);

    expect((await refresher.refreshNow()).result).toBe('updated');
    const imported = live.current().dataset;
    expect(imported.manifest.sources.every((source) => /^[0-9a-f]{40}$/.test(source.commit ?? ''))).toBe(true);
    expect(loadNewestPersisted(dataDir).newest?.dataset.manifest.sources).toEqual(imported.manifest.sources);

    const seen = stub.requests.length;
    expect((await refresher.refreshNow()).result).toBe('unchanged');
    const unchanged = stub.requests.slice(seen);
    expect(unchanged).toHaveLength(Object.keys(UPSTREAM_REPOSITORIES).length);
    expect(
      unchanged.every((request) => request.url.includes('/commits/') && request.status === 304 && request.ifNoneMatch),
    ).toBe(true);
    expect(live.current().dataset).toBe(imported);

    const patches = fixtureFiles('endoflife-date-release-data', MINI_UPSTREAM);
    const json = JSON.parse(patches.get(PATCH_FILE)!.toString('utf8')) as { versions: Record<string, unknown> };
    json.versions = { '1.36.5': { name: '1.36.5', date: '2026-09-09' }, ...json.versions };
    patches.set(PATCH_FILE, Buffer.from(JSON.stringify(json, null, 2)));
    stub.setHead('endoflife-date/release-data', patches, '2026-09-09T12:00:00Z');

    const before = stub.requests.length;
    expect((await refresher.refreshNow()).result).toBe('updated');
    const changed = stub.requests.slice(before);
    expect(
      changed.filter((request) => request.url.includes('/commits/') && request.status === 200).length,
    ).toBeGreaterThanOrEqual(1);
    expect(changed.some((request) => request.url.includes('/raw/'))).toBe(true);
    const release = live.current().dataset.releases.find((r) => r.version === '1.36')!;
    expect(release.patches.map((p) => p.version)).toContain('1.36.5');
    expect(live.current().dataset.manifest.dataDate).toBe('2026-09-09');
  }, 60_000);

  it('a failing GitHub keeps the data served, says which request failed, and the next attempt backs off', async () => {
    stub = await startMiniGitHub();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'k8s-refresh-gh-'));
    const baseDir = await buildDataset(MINI_TREE);
    temporary.push(dataDir, baseDir);
    const live = new LiveData(loadDataset(baseDir), 'base');
    const served = live.current();
    refresher = refresherFor(live, dataDir);
    stub.fail('/commits/', { status: 500 }, { status: 500 }, { status: 500 }, { status: 500 });
    stub.fail('/raw/endoflife-date/release-data/', { status: 404 });
    const attempt = await refresher.refreshNow();
    expect(attempt.result).toBe('failed');
    expect(attempt.error).toMatch(/HTTP 500|kubernetes\.json|file not found/);
    expect(live.current()).toBe(served);
    expect(refresher.status().consecutiveFailures).toBe(1);
  }, 60_000);
});

describe('backoff', () => {
  it('retries after 30 s, doubling up to the interval; a success returns to the interval', () => {
    const sixHours = 6 * 3_600_000;
    expect([0, 1, 2, 3, 12].map((failures) => nextDelayMs(sixHours, failures))).toEqual([
      sixHours,
      30_000,
      60_000,
      120_000,
      sixHours,
    ]);
    expect(nextDelayMs(15_000, 1)).toBe(15_000);
  });
});
