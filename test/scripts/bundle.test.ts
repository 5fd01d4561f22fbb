// The bundle `npm run build` writes (scripts/build.mjs), built here into a folder of its own: what it holds,
// and Node's module compile cache, which its entry (scripts/bundle-main.mjs) turns on and the image fills at
// build time (scripts/warm-compile-cache.mjs). Node 20 has no compile cache: those tests run on the CI's
// current LTS leg (Node 24), and Node 20's own behaviour (nothing to warm) is checked on Node 20.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle } from '../../scripts/build.mjs';
import { REPO_ROOT } from '../../src/data/paths.ts';

// Node 22.1 and newer (@types/node follows the oldest Node.js the project supports, 20).
const HAS_COMPILE_CACHE = 'enableCompileCache' in module;
const WARM = path.join(REPO_ROOT, 'scripts', 'warm-compile-cache.mjs');

let bundleDir: string;
let scratch: string;
beforeAll(async () => {
  // Two folders below the repository, as src/data/paths.ts expects (so the bundle finds data/ and node_modules/).
  mkdirSync(path.join(REPO_ROOT, 'var'), { recursive: true });
  bundleDir = mkdtempSync(path.join(REPO_ROOT, 'var', 'bundle-test-'));
  scratch = mkdtempSync(path.join(tmpdir(), 'bundle-test-'));
  await buildBundle(bundleDir);
}, 120_000);
afterAll(() => {
  rmSync(bundleDir, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
});

/** The bot from the bundle in the console, asked one question; only the variables given (no inherited cache). */
function askBundle(env: Record<string, string>, question = 'who led 1.24') {
  const dataDir = mkdtempSync(path.join(scratch, 'data-'));
  return spawnSync(process.execPath, [path.join(bundleDir, 'main.js')], {
    cwd: dataDir,
    input: `${question}\n`,
    env: { PATH: process.env.PATH ?? '', HOME: dataDir, DATA_DIR: dataDir, DATA_REFRESH: 'off', PORT: '0', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

const chunk = (pattern: RegExp) => readdirSync(bundleDir).find((name) => pattern.test(name))!;
/** Node's own report (NODE_DEBUG_NATIVE=COMPILE_CACHE) that a module's compiled code came from the cache. */
const readFromCache = (stderr: string, file: string) =>
  new RegExp(`V8 code cache for ESM \\S+/${file.replace('.', '\\.')} was accepted`).test(stderr);

describe('the bundle', () => {
  it('holds zod’s English messages but none of its other locales', () => {
    const code = readdirSync(bundleDir)
      .filter((name) => name.endsWith('.js'))
      .map((name) => readFileSync(path.join(bundleDir, name), 'utf8'))
      .join('\n');
    expect(code).toContain('Invalid input: expected');
    for (const other of ['Ungültige Eingabe', 'Entrada inválida', 'Nieprawidłowe dane'])
      expect(code).not.toContain(other);
  });

  it('loads Node’s built-in modules with require(), never with an import (on Node 24 that loads undici)', () => {
    for (const name of readdirSync(bundleDir).filter((file) => file.endsWith('.js'))) {
      // The banner's own `import { createRequire } from 'node:module'` is the one import of a built-in.
      const code = readFileSync(path.join(bundleDir, name), 'utf8').replace(/^import \{ createRequire[^\n]*\n/, '');
      expect(code, name).not.toMatch(/\b(?:from|import)\s*"(?:node:[\w/]+|fs|http|path|os|crypto|url|util)"/);
    }
    // What the import cost on Node 24: node:http's exports include lazy getters that load undici (fetch) and HTTP/2.
    const preload = path.join(scratch, 'report-undici.mjs');
    writeFileSync(
      preload,
      "process.on('exit', () => process.stderr.write('undici: ' + process.moduleLoadList.some((m) => m.includes('undici')) + '\\n'));\n",
    );
    const start = askBundle({ NODE_OPTIONS: `--import ${pathToFileURL(preload).href}` });
    expect(start.status, start.stderr).toBe(0);
    expect(start.stderr).toContain('undici: false');
  });

  it('answers from the console, and names a bad variable', () => {
    const answer = askBundle({});
    expect(answer.status, answer.stderr).toBe(0);
    expect(answer.stdout).toContain('James Laverack');
    const bad = askBundle({ PORT: 'ninety' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('PORT must be a whole port number');
  });
});

describe('the compile cache', () => {
  it.runIf(HAS_COMPILE_CACHE)(
    'is turned on by the entry: the second start reads the code the first one compiled (the temporary directory by default)',
    () => {
      const temporary = mkdtempSync(path.join(scratch, 'tmp-'));
      const env = { TMPDIR: temporary, NODE_DEBUG_NATIVE: 'COMPILE_CACHE' };
      const main = chunk(/^main-\w+\.js$/);
      const first = askBundle(env);
      expect(first.status, first.stderr).toBe(0);
      expect(existsSync(path.join(temporary, 'node-compile-cache'))).toBe(true);
      expect(readFromCache(first.stderr, main)).toBe(false);
      const second = askBundle(env);
      expect(second.status, second.stderr).toBe(0);
      expect(second.stdout).toContain('James Laverack');
      expect(readFromCache(second.stderr, main)).toBe(true);
    },
    60_000,
  );

  it.runIf(HAS_COMPILE_CACHE)(
    'is filled by warm-compile-cache.mjs with what every start runs and with both chat adapters',
    () => {
      const cache = mkdtempSync(path.join(scratch, 'cache-'));
      const warm = spawnSync(process.execPath, [WARM, bundleDir], {
        env: { PATH: process.env.PATH ?? '', NODE_COMPILE_CACHE: cache },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(warm.status, warm.stderr).toBe(0);
      const env = { NODE_COMPILE_CACHE: cache, NODE_DEBUG_NATIVE: 'COMPILE_CACHE' };
      const start = askBundle(env);
      expect(start.status, start.stderr).toBe(0);
      expect(readFromCache(start.stderr, chunk(/^main-\w+\.js$/))).toBe(true);
      expect(readFromCache(start.stderr, chunk(/^console-\w+\.js$/))).toBe(true);
      for (const adapter of [chunk(/^slack-\w+\.js$/), chunk(/^discord-\w+\.js$/)]) {
        const load = spawnSync(
          process.execPath,
          ['--input-type=module', '--eval', `await import(${JSON.stringify(path.join(bundleDir, adapter))})`],
          { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 60_000 },
        );
        expect(load.status, load.stderr).toBe(0);
        expect(readFromCache(load.stderr, adapter), adapter).toBe(true);
      }
    },
    120_000,
  );

  it.runIf(!HAS_COMPILE_CACHE)('has nothing to warm on a Node.js without one (Node 20): the image step passes', () => {
    const warm = spawnSync(process.execPath, [WARM, bundleDir], {
      env: { PATH: process.env.PATH ?? '', NODE_COMPILE_CACHE: path.join(scratch, 'unused') },
      encoding: 'utf8',
    });
    expect(warm.status, warm.stderr).toBe(0);
    expect(warm.stderr).toContain('has no module compile cache');
    expect(existsSync(path.join(scratch, 'unused'))).toBe(false);
  });
});

describe('the image', () => {
  const dockerfile = readFileSync(path.join(REPO_ROOT, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ');
  const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));

  it('fills the compile cache at build time, as the user that runs the bot, in the directory NODE_COMPILE_CACHE names', () => {
    const cacheDir = /NODE_COMPILE_CACHE=(\S+)/.exec(runtime)?.[1];
    expect(cacheDir).toBeDefined();
    expect(runtime).toMatch(new RegExp(`chown 1000:1000[^\\n]*${cacheDir!.replace(/[./]/g, '\\$&')}`));
    const user = runtime.indexOf('\nUSER 1000:1000');
    const warm = runtime.indexOf('\nRUN node scripts/warm-compile-cache.mjs');
    expect(user).toBeGreaterThan(0);
    expect(warm).toBeGreaterThan(user);
    expect(runtime).toMatch(/COPY --from=build \/app\/scripts\/warm-compile-cache\.mjs/);
  });
});
