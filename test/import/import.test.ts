import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/load.ts';
import { importDataset } from '../../src/import/import.ts';
import { parseOverrides } from '../../src/import/overrides.ts';
import { createLocalReader } from '../../src/import/readers/local.ts';
import { renderDatasetFiles, writeDataset } from '../../src/import/write.ts';

const MINI = path.resolve('test/fixtures/shared-mini');
const OVERRIDES = parseOverrides(readFileSync('data/overrides.yaml', 'utf8'), 'data/overrides.yaml');

function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'k8s-release-bot-import-'));
}

/** Two or three real `npm run sync` processes per test: tsx's start-up alone takes seconds on a loaded machine. */
const SYNC_PROCESS_TIMEOUT_MS = 90_000;

function runSync(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/sync.ts', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('importDataset from a folder laid out like shared/', () => {
  it('imports every kind of record from real upstream files', async () => {
    const { dataset } = await importDataset(createLocalReader(MINI), { overrides: OVERRIDES });
    expect(dataset.keps.map((kep) => kep.number)).toEqual([24, 2625, 3836, 5000]);
    expect(dataset.keps.find((kep) => kep.number === 2625)?.status).toBe('implemented');
    expect(dataset.schedules.map((schedule) => schedule.version)).toEqual(['1.31']);
    expect(dataset.teams.map((team) => team.version)).toEqual(['1.31']);
    expect(dataset.releases.find((release) => release.version === '1.31')?.announcement?.codename).toBe('Elli');
    expect(dataset.deprecatedApis.length).toBeGreaterThan(50);
    expect(dataset.manifest.sources.find((source) => source.folder === 'kubernetes-enhancements')?.commit).toBe(
      '64765b4b02389318f2113119dd9e491479f978a0',
    );
    expect(dataset.manifest.dataDate).toBe('2026-08-22');
    expect(dataset.manifest.warnings.join('\n')).toMatch(/release-1\.4\/README\.md: no dated schedule/);
    expect(dataset.manifest.warnings.every((warning) => !warning.includes(MINI))).toBe(true);
  });

  it('is reproducible: the same inputs give byte-identical files', async () => {
    const first = renderDatasetFiles((await importDataset(createLocalReader(MINI), { overrides: OVERRIDES })).dataset);
    const second = renderDatasetFiles((await importDataset(createLocalReader(MINI), { overrides: OVERRIDES })).dataset);
    expect([...second]).toEqual([...first]);
  });

  it('writes files that load back and checks them against the manifest', async () => {
    const out = tempDir();
    const { dataset } = await importDataset(createLocalReader(MINI), { overrides: OVERRIDES });
    await writeDataset(out, renderDatasetFiles(dataset));
    expect(loadDataset(out).keps).toEqual(dataset.keps);
    expect(readdirSync(out).filter((name) => name.includes('.tmp-'))).toEqual([]);
    writeFileSync(path.join(out, 'keps.json'), '[]\n');
    expect(() => loadDataset(out)).toThrow(/keps\.json: does not match manifest\.json/);
  });
});

describe('npm run sync', () => {
  it('imports with --from and --out, and says what it wrote', () => {
    const out = tempDir();
    const result = runSync(['--from', MINI, '--out', out]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/4 KEPs/);
    expect(loadDataset(out).manifest.counts.keps).toBe(4);
    expect(readFileSync(path.join(out, 'curated', 'release-announcements.yaml'), 'utf8')).toMatch(/Elli/);
  });

  it.each([
    ['bad YAML', 'upstream/pluto/versions.yaml', 'deprecated-versions: [', /pluto\/versions\.yaml: invalid YAML/],
    [
      'a field failing validation',
      'upstream/kubernetes-enhancements/keps/sig-node/24-apparmor/kep.yaml',
      'title: AppArmor\nkep-number: 24\nowning-sig: sig-node\nstage: gamma\n',
      /24-apparmor\/kep\.yaml: stage: unknown stage "gamma"/,
    ],
  ])(
    'exits non-zero on %s, names the file and field, and leaves the dataset untouched',
    (_name, file, content, message) => {
      const out = tempDir();
      expect(runSync(['--from', MINI, '--out', out]).status).toBe(0);
      const before = readdirSync(out).map((name) => [
        name,
        name.endsWith('.json') ? readFileSync(path.join(out, name), 'utf8') : '',
      ]);

      const broken = tempDir();
      cpSync(MINI, broken, { recursive: true });
      writeFileSync(path.join(broken, file), content);
      const result = runSync(['--from', broken, '--out', out]);
      expect(result.status).not.toBe(0);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toMatch(/left untouched/);
      const after = readdirSync(out).map((name) => [
        name,
        name.endsWith('.json') ? readFileSync(path.join(out, name), 'utf8') : '',
      ]);
      expect(after).toEqual(before);
    },
    SYNC_PROCESS_TIMEOUT_MS,
  );

  it('rejects an overrides file without a source', () => {
    const overrides = path.join(tempDir(), 'overrides.yaml');
    writeFileSync(
      overrides,
      'keps:\n  - kep: 24\n    field: status\n    value: implemented\n    note: because I said so\n',
    );
    const result = runSync(['--from', MINI, '--out', tempDir(), '--overrides', overrides]);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/overrides\.yaml: keps\.0\.source/);
  });
});
