import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/load.ts';
import { UPSTREAM_REPOSITORIES, type UpstreamFolder } from '../../src/import/source.ts';
import { fixtureFiles, GitHubStub } from '../import/readers/github-stub.ts';

const MINI_UPSTREAM = path.resolve('test/fixtures/shared-mini/upstream');

async function startMiniGitHub(): Promise<GitHubStub> {
  const stub = new GitHubStub();
  for (const [folder, { repository }] of Object.entries(UPSTREAM_REPOSITORIES)) {
    stub.setHead(repository, fixtureFiles(folder as UpstreamFolder, MINI_UPSTREAM), '2026-08-22T08:00:00Z');
  }
  await stub.start();
  return stub;
}

/** Runs the CLI asynchronously: the stub server lives in this process and must keep answering. */
function runSync(args: string[], env: Record<string, string> = {}): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/sync.ts', ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

/** Two real `npm run sync` processes per test: tsx's start-up alone takes seconds on a loaded machine. */
const SYNC_PROCESS_TIMEOUT_MS = 90_000;

let stub: GitHubStub | null = null;
afterEach(async () => {
  await stub?.stop();
  stub = null;
});

describe('npm run sync over HTTPS (against a local GitHub stand-in)', () => {
  it(
    'lists, downloads, validates and writes the dataset pinned to each commit',
    async () => {
      stub = await startMiniGitHub();
      const out = mkdtempSync(path.join(os.tmpdir(), 'k8s-sync-remote-'));
      const result = await runSync(['--out', out, '--api-url', stub.apiUrl, '--raw-url', stub.rawUrl], {
        GITHUB_TOKEN: 'ghp_secret_for_test',
      });
      expect(result.status, result.stderr).toBe(0);
      expect(result.stderr).toMatch(/fetching/);
      expect(result.stderr).not.toContain('ghp_secret_for_test');
      const dataset = loadDataset(out);
      expect(dataset.keps.map((kep) => kep.number)).toEqual([24, 2625, 3836, 5000]);
      expect(dataset.schedules.map((schedule) => schedule.version)).toEqual(['1.31']);
      expect(dataset.manifest.sources.every((source) => /^[0-9a-f]{40}$/.test(source.commit ?? ''))).toBe(true);
      expect(dataset.manifest.dataDate).toBe('2026-08-22');
    },
    SYNC_PROCESS_TIMEOUT_MS,
  );

  it(
    'fails with the file named and leaves the current dataset untouched when a download keeps failing',
    async () => {
      stub = await startMiniGitHub();
      const out = mkdtempSync(path.join(os.tmpdir(), 'k8s-sync-remote-'));
      expect((await runSync(['--out', out, '--api-url', stub.apiUrl, '--raw-url', stub.rawUrl])).status).toBe(0);
      const before = readFileSync(path.join(out, 'manifest.json'), 'utf8');

      stub.setHead('FairwindsOps/pluto', fixtureFiles('pluto', MINI_UPSTREAM), '2026-09-01T08:00:00Z');
      stub.fail('/versions.yaml', { status: 404 });
      const result = await runSync(['--out', out, '--api-url', stub.apiUrl, '--raw-url', stub.rawUrl]);
      expect(result.status).not.toBe(0);
      expect(result.stderr).toMatch(/pluto\/blob\/[0-9a-f]{40}\/versions\.yaml: file not found/);
      expect(result.stderr).toMatch(/left untouched/);
      expect(readFileSync(path.join(out, 'manifest.json'), 'utf8')).toBe(before);
    },
    SYNC_PROCESS_TIMEOUT_MS,
  );
});
