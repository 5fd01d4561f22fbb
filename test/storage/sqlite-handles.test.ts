import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/data/paths.ts';

const CHILD = path.join(import.meta.dirname, 'support', 'sqlite-lifetime.ts');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sqlite-handles-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', ...args], { encoding: 'utf8', timeout: 60_000 });

// better-sqlite3 12 on Node 24 aborts the process (exit 134) when the garbage collector frees one of its
// handles; src/storage/database.ts keeps every handle for the life of the process.
describe(`better-sqlite3 handles on Node ${process.versions.node}`, () => {
  it('a process that uses the store, and its file past the store as the tests do, survives its collections', () => {
    // A 1 MB young generation: many more collections, among them ones between callbacks. With it, the raw
    // connections support/backends.ts used to open aborted this child in 6 runs of 6 on Node 24.21.
    const child = run('--max-semi-space-size=1', CHILD, 'store', dir);
    expect(child.stderr).not.toMatch(/Assertion failed/);
    expect({ status: child.status, signal: child.signal }).toEqual({ status: 0, signal: null });
    expect(child.stdout).toMatch(/^allocated \d+\n$/);
  });

  it('a connection and its statements are never garbage-collected, even closed; raw ones are', () => {
    const kept = run('--expose-gc', CHILD, 'collect', dir, 'kept');
    expect(kept.status, kept.stderr).toBe(0);
    expect(JSON.parse(kept.stdout)).toEqual([]);
    // The control: the same handles opened directly are freed, so the check above can see a collection.
    const raw = run('--expose-gc', CHILD, 'collect', dir, 'raw');
    expect(raw.status, raw.stderr).toBe(0);
    expect(JSON.parse(raw.stdout)).toEqual(['database', 'statement']);
  });

  // A handle made anywhere else can be collected and abort the process: in a test file that read the database
  // past the store with a raw connection, a collected one ended its vitest worker on Node 24.
  it('the product, its tests and benchmarks make every handle through sqliteConnection (and none that it cannot keep)', () => {
    const KEPT_PATH = path.join('src', 'storage', 'database.ts');
    // The control of the test above: it opens raw handles on purpose, in its own process, to see them freed.
    const RAW_CONTROL = path.relative(REPO_ROOT, CHILD);
    const loadsBetterSqlite =
      /^\s*(?:import|export)\s+(?!type\s)[^;]*?from\s*['"]better-sqlite3['"]|\b(?:require|import)\s*\(\s*['"]better-sqlite3['"]/m;
    // Statements a pragma call prepares each time, iterators and backups: native handles no one keeps.
    const unkeptHandle = /\.(?:pragma|iterate|backup)\(/;
    const sources = ['src', 'adapters', 'scripts', 'bench', 'test'].flatMap((folder) =>
      readdirSync(path.join(REPO_ROOT, folder), { recursive: true, encoding: 'utf8' })
        // bench/.build holds what the benches build and extract (bundles, the tree before the registry): not sources.
        .filter((file) => /\.(?:ts|mts|mjs|js|cjs)$/.test(file) && !file.split(path.sep).includes('.build'))
        .map((file) => path.join(folder, file)),
    );
    expect(sources).toEqual(
      expect.arrayContaining([KEPT_PATH, RAW_CONTROL, path.join('test', 'storage', 'support', 'backends.ts')]),
    );
    const offenders = sources.flatMap((file) => {
      const text = readFileSync(path.join(REPO_ROOT, file), 'utf8');
      const exempt = file === KEPT_PATH || file === RAW_CONTROL;
      return [
        ...(!exempt && loadsBetterSqlite.test(text) ? [`${file}: loads better-sqlite3 itself`] : []),
        ...(!exempt && /new Database\(/.test(text) ? [`${file}: constructs a Database`] : []),
        ...(unkeptHandle.test(text) ? [`${file}: makes a handle sqliteConnection does not keep`] : []),
      ];
    });
    expect(offenders).toEqual([]);
  });
});
