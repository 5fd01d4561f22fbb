// Worker processes released at one moment, for races between connections to one database: each prints
// "ready", waits for a go file, does its work and prints one JSON line.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Runs `count` copies of `script` (a .ts file run with tsx) with `args(startFile)`, lets them all go once every
 * one is ready, and returns what each printed after "ready", parsed as JSON.
 */
export async function raceProcesses<T>(
  script: string,
  count: number,
  args: (startFile: string) => string[],
): Promise<T[]> {
  const signals = mkdtempSync(path.join(tmpdir(), 'k8s-bot-race-'));
  const startFile = path.join(signals, 'go');
  const run = (): { ready: Promise<void>; result: Promise<T> } => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args(startFile)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let markReady: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => {
      markReady = resolve;
    });
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.startsWith('ready\n')) markReady();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    const result = new Promise<T>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => {
        markReady();
        if (code === 0) resolve(JSON.parse(out.slice('ready\n'.length)) as T);
        else reject(new Error(`${path.basename(script)} exited ${code}: ${err}`));
      });
    });
    return { ready, result };
  };
  try {
    const workers = Array.from({ length: count }, run);
    await Promise.all(workers.map((worker) => worker.ready));
    writeFileSync(startFile, 'go');
    return await Promise.all(workers.map((worker) => worker.result));
  } finally {
    rmSync(signals, { recursive: true, force: true });
  }
}
