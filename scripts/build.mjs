// `npm run build`: bundles adapters/main.ts and everything it imports into dist/adapters/ with esbuild.
// One file (plus one chunk per lazily imported adapter) starts in about half the CPU time of ~300 separate
// modules: Node's ESM loader resolves, reads, compiles and links each module on its own. Types are checked by
// `npm run typecheck` (part of `npm test`), not here. The output sits two folders below the repository, as
// src/data/paths.ts expects, so the bundle finds data/ and node_modules/ as the sources do.
//
// Start-up reads, compiles and evaluates every module of the main chunk before the bot can answer, so the
// bundle leaves out what it never runs: zod's 40-odd translations of its error messages (the bot reports
// them in English, zod's default). Node's built-in modules are loaded with require(), as the CommonJS
// dependencies load them: an `import` of one makes Node read every export of it, and on Node 24 reading
// node:http's loads undici and HTTP/2 (about 50 ms) for nothing. It is not minified: measured on Node 20,
// half the bytes cost more CPU time to start, not less (V8 compiles more of minified code eagerly).
import { build, stop } from 'esbuild';
import { rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLE_DIR = path.join(root, 'dist', 'adapters');

/** Left to node_modules at run time: a native addon, and optional packages the bundle never loads. */
export const BUNDLE_EXTERNAL = ['better-sqlite3', 'pg-native', 'bufferutil', 'utf-8-validate', 'zlib-sync', 'erlpack'];
/** CommonJS dependencies call require(); an ES module has none of its own. */
export const BUNDLE_BANNER =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/** The bundle's esbuild options (also used by the benches that bundle their servers the way the bot is bundled). */
export const BUNDLE_OPTIONS = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.12',
  external: BUNDLE_EXTERNAL,
  legalComments: 'none',
  logLevel: 'warning',
  banner: { js: BUNDLE_BANNER },
  plugins: [zodEnglishOnly(), builtinsThroughRequire()],
};

/**
 * zod re-exports every locale (`z.locales`, `z.core.locales`: 360 KB, a quarter of the main chunk); the bot
 * uses none but English, which zod installs itself. The locale index is replaced by one exporting `en` alone.
 */
function zodEnglishOnly() {
  return {
    name: 'zod-english-only',
    setup(bundler) {
      bundler.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, ({ importer }) =>
        /[\\/]zod[\\/]v4[\\/](classic|core)[\\/]/.test(importer)
          ? { path: path.join(path.dirname(importer), '..', 'locales', 'en.js'), namespace: 'zod-english-only' }
          : undefined,
      );
      bundler.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, ({ path: english }) => ({
        contents: `export { default as en } from ${JSON.stringify(english)};`,
        resolveDir: path.dirname(english),
      }));
    },
  };
}

/**
 * Bundles into dist/adapters (emptying dist/ first), or into `outdir` (tests): a folder two below the repository,
 * as src/data/paths.ts expects.
 */
/**
 * `import { createServer } from 'node:http'` in an ES module becomes a CommonJS module holding
 * `require('node:http')` (the banner's require), which esbuild's interop reads property by property, on use.
 */
function builtinsThroughRequire() {
  return {
    name: 'builtins-through-require',
    setup(bundler) {
      bundler.onResolve({ filter: /^[a-z:_/]+$/ }, ({ path: specifier, kind }) =>
        kind === 'import-statement' && isBuiltin(specifier)
          ? { path: specifier.startsWith('node:') ? specifier : `node:${specifier}`, namespace: 'builtin-require' }
          : undefined,
      );
      bundler.onLoad({ filter: /.*/, namespace: 'builtin-require' }, ({ path: builtin }) => ({
        contents: `module.exports = require(${JSON.stringify(builtin)});`,
        loader: 'js',
      }));
    },
  };
}

export async function buildBundle(outdir = BUNDLE_DIR) {
  rmSync(outdir === BUNDLE_DIR ? path.join(root, 'dist') : outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: { main: 'scripts/bundle-main.mjs' },
    outdir,
    splitting: true,
    sourcemap: 'linked',
    ...BUNDLE_OPTIONS,
  });
  // esbuild's service is a child process: `npm start` bundles, then runs the bot as one process.
  await stop();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildBundle().catch((error) => {
    process.stderr.write(`build failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
