// `npm start`: runs the bundled bot (dist/adapters/main.js, `npm run build`) in this one process, bundling
// first when a source file or an installed dependency is newer than the bundle. The image runs
// `node dist/adapters/main.js` directly.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ENTRY = path.join(root, 'dist', 'adapters', 'main.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

const mtime = (file) => (existsSync(file) ? statSync(file).mtimeMs : 0);

function bundleIsStale() {
  if (!existsSync(ENTRY)) return true;
  // An image holds only the bundle: nothing to compare it with.
  if (!existsSync(path.join(root, 'src'))) return false;
  const inputs = Math.max(
    newestSource(path.join(root, 'src')),
    newestSource(path.join(root, 'adapters')),
    // The bundle holds the dependencies too: `npm ci` or `npm install` makes it stale.
    mtime(path.join(root, 'node_modules', '.package-lock.json')),
    mtime(path.join(root, 'package-lock.json')),
  );
  return inputs > statSync(ENTRY).mtimeMs;
}

if (bundleIsStale()) {
  process.stderr.write('k8s-release-bot: bundling (npm run build) …\n');
  try {
    // esbuild is a development dependency: an install without them has nothing to bundle with.
    const { buildBundle } = await import('./build.mjs');
    await buildBundle();
  } catch (error) {
    process.stderr.write(
      `k8s-release-bot: the build failed: ${error instanceof Error ? error.message : String(error)}\n` +
        '`npm ci` installs the bundler; `npm run typecheck` shows type errors\n',
    );
    process.exit(1);
  }
}
await import(pathToFileURL(ENTRY).href);
