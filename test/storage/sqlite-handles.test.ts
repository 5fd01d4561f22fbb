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
  it('a process that opened, used and closed the store survives the collections that follow and exits 0', () => {
    const child = run(CHILD, 'store', dir);
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

  it('the product opens SQLite only through sqliteConnection and never calls db.pragma() (a new statement each call)', () => {
    const sources = ['src', 'adapters', 'scripts'].flatMap((folder) =>
      readdirSync(path.join(REPO_ROOT, folder), { recursive: true, encoding: 'utf8' })
        .filter((file) => /\.(ts|mjs)$/.test(file))
        .map((file) => path.join(folder, file)),
    );
    const offenders = sources.filter((file) => {
      const text = readFileSync(path.join(REPO_ROOT, file), 'utf8');
      return (
        /\.pragma\(/.test(text) || (file !== path.join('src', 'storage', 'database.ts') && /new Database\(/.test(text))
      );
    });
    expect(offenders).toEqual([]);
  });
});
