import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePreviewArgs, previewText } from '../../src/cli/digest.ts';
import { UsageError } from '../../src/cli/usage.ts';
import { REPO_ROOT } from '../../src/data/paths.ts';
import { loadDataset } from '../../src/data/load.ts';

const CLI = path.join(REPO_ROOT, 'src', 'cli', 'digest.ts');

function runCli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, DATASET_DIR: '' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run digest (spawned through tsx)', () => {
  it('previews the 1.31 milestone reminder at 2024-07-17T09:00Z: Code Freeze on 2024-07-24, in 7 days', () => {
    const { status, stdout, stderr } = runCli(
      '--now',
      '2024-07-17T09:00:00Z',
      '--kind',
      'milestones',
      '--release',
      '1.31',
    );
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout.split('\n')[0]).toBe('Code Freeze in 7 days — Kubernetes 1.31');
    expect(stdout).toContain('When: Wed 2024-07-24, 02:00 UTC (in 7 days)');
    expect(stdout).toContain('https://github.com/kubernetes/sig-release/blob/master/releases/release-1.31/README.md');
  });

  it('previews the weekly digest in the subscriber’s zone', () => {
    const { status, stdout } = runCli('--now', '2024-07-15T11:00', '--tz', 'Europe/Berlin', '--kind', 'weekly');
    expect(status).toBe(0);
    expect(stdout).toContain('Kubernetes release digest · 2024-W29');
    expect(stdout).toContain('Progress: ██████████░░░░ week 10 of 14');
    expect(stdout).toContain('Code Freeze · 1.31: Wed 2024-07-24, 04:00 CEST (in 9 days)');
    expect(stdout).toMatch(/Enhancements tracked for 1\.31 \(\d+\):/);
  });

  it('says when nothing would be posted and what comes next', () => {
    const { status, stdout } = runCli('--now', '2024-07-18T09:00:00Z', '--kind', 'milestones', '--release', '1.31');
    expect(status).toBe(0);
    expect(stdout).toBe(
      'Nothing would be posted at Thu 2024-07-18 09:00 UTC for 1.31.\nNext reminder: Code Freeze · 1.31 (1 day before) at Tue 2024-07-23 09:00 UTC.\n',
    );
  });

  it('rejects a bad time zone and an unknown release with exit code 2 and a clear message', () => {
    const zone = runCli('--now', '2024-07-17T09:00:00Z', '--tz', 'Mars/Olympus');
    expect(zone.status).toBe(2);
    expect(zone.stdout).toBe('');
    expect(zone.stderr).toContain('digest: --tz: unknown time zone "Mars/Olympus"');
    const release = runCli('--now', '2024-07-17T09:00:00Z', '--release', '1.99');
    expect(release.status).toBe(2);
    expect(release.stderr).toContain('digest: --release: the data has nothing for 1.99');
  });
});

describe('preview arguments', () => {
  it.each([
    [['--now', 'yesterday'], '--now: not an ISO date-time: "yesterday"'],
    [['--kind', 'daily'], '--kind: expected weekly, milestones or both, got "daily"'],
    [['--release', '2.0'], '--release: expected a minor version like 1.31, got "2.0"'],
    [['--bogus'], "Unknown option '--bogus'"],
  ])('%j → %s', (argv, message) => {
    expect(() => parsePreviewArgs(argv)).toThrow(UsageError);
    expect(() => parsePreviewArgs(argv)).toThrow(message);
  });

  it('reads a local --now in the --tz zone and accepts v-prefixed releases', () => {
    const request = parsePreviewArgs(['--now', '2026-03-29T09:00', '--tz', 'europe/berlin', '--release', 'v1.36']);
    expect(request.now.toISOString()).toBe('2026-03-29T07:00:00.000Z');
    expect(request).toMatchObject({ zone: 'Europe/Berlin', release: '1.36', kind: 'both' });
  });

  it('includes the one-off notice when the data has no schedule for the cycle', () => {
    const dataset = loadDataset();
    const text = previewText(dataset, { now: new Date('2027-01-04T09:00:00Z'), zone: 'UTC', kind: 'both' });
    expect(text).toContain('No release schedule for the current cycle');
    expect(text).toContain('Kubernetes release digest · 2027-W01');
  });
});
