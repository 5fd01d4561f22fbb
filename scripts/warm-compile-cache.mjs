// Image build step (see the Dockerfile): fills Node's module compile cache (NODE_COMPILE_CACHE) with the
// bundle's compiled code, so a container's first start reads it instead of compiling megabytes of JavaScript.
// It runs the bot once in the console (no tokens, the input "exit", a throw-away DATA_DIR, no data refresh)
// for the code every start runs, then loads the Slack and Discord adapters' chunks, which only their own
// modes run. Node 20 has no compile cache: there is nothing to warm.
//
//   NODE_COMPILE_CACHE=/app/.compile-cache node scripts/warm-compile-cache.mjs [bundle folder, dist/adapters]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundleDir = path.resolve(process.argv[2] ?? path.join(root, 'dist', 'adapters'));
/** The chunks of the adapters a console start never loads (esbuild names a lazily imported chunk after its folder). */
const ADAPTER_CHUNK = /^(slack|discord)-\w+\.js$/;

function fail(message) {
  process.stderr.write(`warm-compile-cache: ${message}\n`);
  process.exit(1);
}

if (!module.enableCompileCache) {
  process.stderr.write(`warm-compile-cache: Node ${process.version} has no module compile cache; nothing to warm\n`);
  process.exit(0);
}
if (!process.env.NODE_COMPILE_CACHE) fail('set NODE_COMPILE_CACHE to the directory the bot will read the cache from');

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'k8s-bot-warm-'));
try {
  const run = spawnSync(process.execPath, [path.join(bundleDir, 'main.js')], {
    cwd: dataDir,
    input: 'exit\n',
    env: {
      PATH: process.env.PATH ?? '',
      NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE,
      DATA_DIR: dataDir,
      DATA_REFRESH: 'off',
      PORT: '0',
    },
    stdio: ['pipe', 'ignore', 'inherit'],
  });
  if (run.status !== 0) fail(`the bot exited ${run.status ?? run.signal} in the console`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

const { directory, message } = module.enableCompileCache();
if (!directory) fail(`Node could not use ${process.env.NODE_COMPILE_CACHE}: ${message}`);
const chunks = readdirSync(bundleDir).filter((name) => ADAPTER_CHUNK.test(name));
if (chunks.length < 2)
  fail(`expected the Slack and Discord chunks in ${bundleDir}, found ${chunks.join(', ') || 'none'}`);
for (const chunk of chunks) await import(pathToFileURL(path.join(bundleDir, chunk)).href);
process.stderr.write(`warm-compile-cache: ${directory} holds the bundle and ${chunks.join(', ')}\n`);
