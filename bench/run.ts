// Runs every bench/*.bench.ts in turn. Each exports `default async function (): Promise<void>`
// that prints its own report (medians, p99, baseline measured in the same run).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => only.length === 0 || only.some((filter) => name.includes(filter)))
  .sort();

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`# k8s-release-bot benchmarks`);
console.log(
  `machine: ${cpu} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.arch()}`,
);
if (files.length === 1) {
  const file = files[0]!;
  console.log(`\n## ${file.replace(/\.bench\.ts$/, '')}`);
  const module = (await import(pathToFileURL(path.join(here, file)).href)) as { default: () => Promise<void> };
  await module.default();
} else {
  // Each bench in a fresh process: one bench's heap, caches and JIT state must not tilt the next one's numbers.
  for (const file of files) {
    const run = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), file], {
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
    });
    process.stdout.write(run.stdout.replace(/^[\s\S]*?\n(?=\n## )/, ''));
    if (run.status !== 0) process.exitCode = 1;
  }
}
