// Loading the bundled dataset (checksums checked; validated by the importer, so not again), the same
// with every file validated by zod (what a dataset from another importer version costs), beside a
// baseline of reading and JSON.parse-ing the same files, measured in the same run.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadDataset } from '../src/data/load.ts';
import { BUNDLED_DATA_DIR } from '../src/data/paths.ts';
import { ms, summarize } from './stats.ts';

const RUNS = 30;

function time(run: () => unknown): number[] {
  const samples: number[] = [];
  for (let index = 0; index < RUNS; index += 1) {
    const started = performance.now();
    run();
    samples.push(performance.now() - started);
  }
  return samples;
}

export default async function benchDataset(): Promise<void> {
  const files = readdirSync(BUNDLED_DATA_DIR).filter((name) => name.endsWith('.json'));
  const bytes = files.reduce((sum, name) => sum + statSync(path.join(BUNDLED_DATA_DIR, name)).size, 0);

  const coldStarted = performance.now();
  loadDataset();
  const cold = performance.now() - coldStarted;

  const load = summarize(time(() => loadDataset()));
  const validated = summarize(time(() => loadDataset(BUNDLED_DATA_DIR, { validate: 'always' })));
  const baseline = summarize(
    time(() => files.map((name) => JSON.parse(readFileSync(path.join(BUNDLED_DATA_DIR, name), 'utf8')))),
  );

  console.log(`load average while measuring: ${os.loadavg()[0]!.toFixed(2)} on ${os.cpus().length} CPUs`);
  console.log(`files: ${files.length} JSON files, ${(bytes / 1024 / 1024).toFixed(2)} MB (target < 5 MB)`);
  console.log(`first load (cold, includes module warm-up): ${ms(cold)}`);
  console.log(`| ${RUNS} runs | p50 | p99 | max |`);
  console.log(`| --- | --- | --- | --- |`);
  console.log(
    `| loadDataset (read + checksum; validated at sync) | ${ms(load.p50)} | ${ms(load.p99)} | ${ms(load.max)} |`,
  );
  console.log(
    `| loadDataset, validate: 'always' (read + checksum + zod) | ${ms(validated.p50)} | ${ms(validated.p99)} | ${ms(validated.max)} |`,
  );
  console.log(`| baseline: read + JSON.parse only | ${ms(baseline.p50)} | ${ms(baseline.p99)} | ${ms(baseline.max)} |`);
  console.log(`target: load under 150 ms → ${load.p99 < 150 ? 'met' : 'NOT met'}`);
}
