// `npm start`: runs the compiled bot (dist/, `npm run build`) in this one process, compiling first when a
// source file is newer than the build. The image runs `node dist/adapters/main.js` directly.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUILD_STAMP = path.join(root, 'dist', '.tsbuildinfo');
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

function buildIsStale() {
  if (!existsSync(BUILD_STAMP) || !existsSync(ENTRY)) return true;
  const sources = existsSync(path.join(root, 'src'))
    ? Math.max(
        newestSource(path.join(root, 'src')),
        newestSource(path.join(root, 'adapters')),
        ...['tsconfig.json', 'tsconfig.build.json'].map((file) => statSync(path.join(root, file)).mtimeMs),
      )
    : 0;
  return sources > statSync(BUILD_STAMP).mtimeMs;
}

if (buildIsStale()) {
  process.stderr.write('k8s-release-bot: compiling (npm run build) …\n');
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], {
    stdio: ['ignore', 2, 2],
  });
  if (result.status !== 0) {
    process.stderr.write('k8s-release-bot: the build failed (see above); `npm run typecheck` shows the errors\n');
    process.exit(1);
  }
  // tsc leaves its build info alone when nothing changed; mark the build as current either way.
  const now = new Date();
  utimesSync(BUILD_STAMP, now, now);
}
await import(pathToFileURL(ENTRY).href);
