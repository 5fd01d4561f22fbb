// `npm run build`: bundles adapters/main.ts and everything it imports into dist/adapters/ with esbuild.
// One file (plus one chunk per lazily imported adapter) starts in about half the CPU time of ~300 separate
// modules: Node's ESM loader resolves, reads, compiles and links each module on its own. Types are checked by
// `npm run typecheck` (part of `npm test`), not here. The output sits two folders below the repository, as
// src/data/paths.ts expects, so the bundle finds data/ and node_modules/ as the sources do.
import { build, stop } from 'esbuild';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLE_DIR = path.join(root, 'dist', 'adapters');

/** Left to node_modules at run time: a native addon, and optional packages the bundle never loads. */
export const BUNDLE_EXTERNAL = ['better-sqlite3', 'pg-native', 'bufferutil', 'utf-8-validate', 'zlib-sync', 'erlpack'];
/** CommonJS dependencies call require(); an ES module has none of its own. */
export const BUNDLE_BANNER =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

export async function buildBundle() {
  rmSync(path.join(root, 'dist'), { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: { main: 'adapters/main.ts' },
    outdir: BUNDLE_DIR,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.12',
    external: BUNDLE_EXTERNAL,
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
    banner: { js: BUNDLE_BANNER },
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
