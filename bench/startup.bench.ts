// Start-up of `npm start`'s paths until /healthz answers and then until /readyz answers 200 (the bot can
// serve: data loaded, database open, adapter started, digests scheduled), in fresh processes: the compiled
// build (what `npm start` and the image run) beside the TypeScript sources through tsx (the previous way,
// now `npm run dev`), measured in the same run. Also counts the processes and their total RSS once ready.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../src/data/paths.ts';
import { ms, summarize } from './stats.ts';

const RUNS = 7;
const TARGET_MS = 300;

interface Launch {
  label: string;
  command: string[];
}

/** CPU seconds a process has used so far, all its threads (V8's compiler and GC threads too), from /proc in ns. */
function cpuSeconds(pid: number): number {
  const tasks = existsSync(`/proc/${pid}/task`) ? readdirSync(`/proc/${pid}/task`) : [];
  return tasks.reduce((sum, task) => {
    const file = `/proc/${pid}/task/${task}/schedstat`;
    return sum + (existsSync(file) ? Number(readFileSync(file, 'utf8').split(' ')[0]) / 1e9 : 0);
  }, 0);
}

/** The process and all its descendants (from /proc), with their RSS in bytes and CPU time in seconds. */
function processTree(root: number): { count: number; rssBytes: number; cpuSeconds: number } {
  const children = new Map<number, number[]>();
  for (const entry of execFileSync('ps', ['-e', '-o', 'pid=,ppid=']).toString().trim().split('\n')) {
    const [pid, ppid] = entry.trim().split(/\s+/).map(Number) as [number, number];
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const all: number[] = [];
  for (const queue = [root]; queue.length > 0; ) {
    const pid = queue.shift()!;
    all.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  const rssBytes = all.reduce((sum, pid) => {
    const status = existsSync(`/proc/${pid}/status`) ? readFileSync(`/proc/${pid}/status`, 'utf8') : '';
    return sum + Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
  }, 0);
  return { count: all.length, rssBytes, cpuSeconds: all.reduce((sum, pid) => sum + cpuSeconds(pid), 0) };
}

interface Start {
  /** Until /healthz answers, and the CPU time used by then. */
  ms: number;
  cpuMs: number;
  /** Until /readyz answers 200, and the CPU time used by then. */
  readyMs: number;
  readyCpuMs: number;
  /** From writing a question to the console once ready until its answer is printed. */
  firstAnswerMs: number;
  processes: number;
  rssMb: number;
}

/** A port nothing listens on now (the console carries on without its probes when its port is busy). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Asked once ready: what lazily built parts of the engine (its vocabulary) cost the first question. */
const QUESTION = 'who led 1.24';
const ANSWERED = 'James Laverack';
/** A start that has not answered by then is a failure, not a slow start. */
const START_TIMEOUT_MS = 30_000;

async function startOnce({ command }: Launch): Promise<Start> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'k8s-bot-startup-'));
  const port = await freePort();
  const began = performance.now();
  const child = spawn(command[0]!, command.slice(1), {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: os.homedir(), PORT: String(port), DATA_DIR: dataDir },
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  let stdout = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  const answered = async (probe: string): Promise<{ ms: number; cpuMs: number }> => {
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}${probe}`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return { ms: performance.now() - began, cpuMs: processTree(child.pid!).cpuSeconds * 1000 };
      if (child.exitCode !== null)
        throw new Error(`${command.join(' ')} exited ${child.exitCode} before ${probe} answered`);
      if (performance.now() - began > START_TIMEOUT_MS)
        throw new Error(`${command.join(' ')}: ${probe} did not answer within ${START_TIMEOUT_MS / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  };
  try {
    const health = await answered('/healthz');
    const ready = await answered('/readyz');
    const tree = processTree(child.pid!);
    const asked = performance.now();
    child.stdin.write(`${QUESTION}\n`);
    while (!stdout.includes(ANSWERED)) {
      if (child.exitCode !== null || performance.now() - asked > START_TIMEOUT_MS)
        throw new Error(`${command.join(' ')} did not answer “${QUESTION}”`);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const firstAnswerMs = performance.now() - asked;
    return {
      ms: health.ms,
      cpuMs: health.cpuMs,
      readyMs: ready.ms,
      readyCpuMs: ready.cpuMs,
      firstAnswerMs,
      processes: tree.count,
      rssMb: tree.rssBytes / 2 ** 20,
    };
  } finally {
    child.stdin.end();
    const kill = setTimeout(() => child.kill('SIGKILL'), START_TIMEOUT_MS);
    if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
    clearTimeout(kill);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export default async function startupBench(): Promise<void> {
  if (!existsSync(path.join(REPO_ROOT, 'dist', 'adapters', 'main.js')))
    execFileSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'ignore' });
  const launches: Launch[] = [
    { label: 'npm start (npm, then node scripts/start.mjs)', command: ['npm', 'start', '--silent'] },
    { label: 'node scripts/start.mjs (what npm start runs)', command: [process.execPath, 'scripts/start.mjs'] },
    { label: 'node dist/adapters/main.js (the image)', command: [process.execPath, 'dist/adapters/main.js'] },
    { label: 'baseline: tsx adapters/main.ts (before)', command: ['npx', 'tsx', 'adapters/main.ts'] },
  ];
  const results = new Map(launches.map((launch) => [launch.label, [] as Start[]]));
  await startOnce(launches[0]!); // warm the file cache (and compile if the build is stale)
  for (let run = 0; run < RUNS; run++) {
    for (const launch of launches) results.get(launch.label)!.push(await startOnce(launch));
  }
  console.log(
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}; target < ${TARGET_MS} ms to /healthz, one process`,
  );
  for (const [label, runs] of results) {
    const { p50, p99 } = summarize(runs.map((r) => r.ms));
    const processes = Math.max(...runs.map((r) => r.processes));
    const rss = summarize(runs.map((r) => r.rssMb)).p50;
    // CPU time moves far less with the machine's load than wall-clock time does.
    const cpu = summarize(runs.map((r) => r.cpuMs)).p50;
    const ready = summarize(runs.map((r) => r.readyMs));
    const readyCpu = summarize(runs.map((r) => r.readyCpuMs)).p50;
    const firstAnswer = summarize(runs.map((r) => r.firstAnswerMs)).p50;
    console.log(
      `${label}: to /healthz p50 ${ms(p50)}, max ${ms(p99)}; CPU p50 ${ms(cpu)}; to /readyz p50 ${ms(ready.p50)}, max ${ms(ready.p99)}; CPU p50 ${ms(readyCpu)}; then “${QUESTION}” answered in ${ms(firstAnswer)}; ${processes} process(es), RSS ${rss.toFixed(0)} MB`,
    );
  }
}
