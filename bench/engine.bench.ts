// The query engine: 2,000 varied questions through parse + execute + renderText, beside a baseline
// (a plain Map lookup of the same KEPs, formatted into a line) measured in the same run. Start-up
// (dataset load + index build) and memory are measured in a fresh child process, so neither the
// bench harness nor other benches' modules count against the engine.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDataset } from '../src/data/load.ts';
import type { Dataset } from '../src/domain/dataset.ts';
import { minorNumber } from '../src/domain/version.ts';
import { buildIndex, type EngineIndex } from '../src/engine/engine-index.ts';
import { execute } from '../src/engine/execute.ts';
import { parse } from '../src/engine/parse.ts';
import { renderText } from '../src/render/text.ts';
import { BEFORE_REGISTRY, beforeRegistryBundle } from './before-registry.ts';
import { bundleAsTheBot } from './bundle.ts';
import {
  NOW,
  PAIRED_ROUNDS,
  PAIRED_VARIABLE,
  type Paired,
  QUESTIONS_VARIABLE,
  ROUNDS,
  type SteadyState,
  steadyState,
} from './engine-steady.ts';
import { ms, summarize } from './stats.ts';

const QUESTIONS = 2_000;
const TWO_PART_QUESTIONS = 300;
// Issue 10's bar for the engine: p50 0.05 ms, p99 under 0.5 ms, start-up (load + index) under 150 ms.
const TARGET_P50_MS = 0.05;
const TARGET_P99_MS = 0.5;
const TARGET_STARTUP_MS = 150;
const TARGET_RSS_MB = 150;
const here = path.dirname(fileURLToPath(import.meta.url));

/** Deterministic, so every run asks the same questions. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Question {
  text: string;
  /** The KEP the baseline looks up for this question. */
  kep: number;
}

/** Questions of every kind, over every release, KEP, gate and SIG in the data, with typos and hostile input mixed in. */
export function questions(dataset: Dataset, count: number): Question[] {
  const random = prng(1_31);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const versions = dataset.releases.map((release) => release.version).filter((version) => minorNumber(version) >= 10);
  const keps = dataset.keps;
  const gates = keps.flatMap((kep) => kep.featureGates.map((gate) => gate.name));
  const sigs = [...new Set(keps.map((kep) => kep.owningSig))];
  const words = (title: string) => title.split(/\s+/).slice(0, 3).join(' ');
  const typo = (text: string) => {
    const at = 1 + Math.floor(random() * Math.max(1, text.length - 2));
    return text.slice(0, at) + text.slice(at + 1);
  };
  const templates: Array<(v: string, kep: (typeof keps)[number]) => string> = [
    (v) => v,
    (v) => `v${v}`,
    (v) => `tell me about ${v}`,
    (v) => `${v.replace('.', ',')}`,
    (v) => `${v}.${Math.floor(random() * 12)}`,
    () => "what's in the latest release",
    () => 'what went GA',
    (v) => `what went GA in ${v}`,
    (v) => `what GA'd in ${v}`,
    (v) => `beta features in ${v}`,
    (v) => `new alpha in ${v}`,
    (v) => `what graduated to stable in v${v} for ${pick(sigs)}`,
    (_, kep) => `KEP-${kep.number}`,
    (_, kep) => `#${kep.number}`,
    (_, kep) => words(kep.title),
    (_, kep) => typo(words(kep.title).toLowerCase()),
    () => pick(gates),
    (_, kep) => `is ${words(kep.title)} GA?`,
    (_, kep) => `when did KEP-${kep.number} go GA`,
    (_, kep) => `when will ${words(kep.title).toLowerCase()} be stable`,
    (v) => `${v} schedule`,
    (v) => `when is code freeze for ${v}`,
    () => 'when is the next release',
    () => 'how long until enhancements freeze',
    (v) => `when was ${v} released`,
    (v) => `who led ${v}`,
    (v) => `who was the ${v} comms lead`,
    (v) => `${v} release team`,
    (v) => `is ${v} still supported`,
    (v) => `when does ${v} reach end of life`,
    () => 'which versions are supported',
    (v) => `latest patch of ${v}`,
    (v) => `what was removed in ${v}`,
    (v) => `deprecations in ${v}`,
    (v) => `what breaks if I upgrade from ${v} to 1.${minorNumber(v) + 2}`,
    () => 'is PodSecurityPolicy removed',
    (v) => `what did ${pick(sigs).replace('sig-', 'SIG ')} ship in ${v}`,
    (v) => `compare ${v} and 1.${minorNumber(v) - 1}`,
    () => 'help',
    () => 'apparmour',
    () => 'how does kube-proxy handle terminating endpoints with topology aware routing',
    () => `<!channel> what went GA @everyone ${'🚀'.repeat(5)}`,
    () => `**1.31** \`schedule\` <@U123>`,
    () => 'x'.repeat(10_000),
    () => '1.99',
    () => 'xyzzy frobnicate',
    () => 'foo bar baz',
    () => 'sidcar containers',
    () => 'kube proxy nftables',
  ];
  return Array.from({ length: count }, () => {
    const kep = pick(keps);
    return { text: pick(templates)(pick(versions), kep), kep: kep.number };
  });
}

/** A question in two parts, and its first part asked alone (the same-run baseline for the splitter's cost). */
interface TwoPart {
  text: string;
  first: string;
}

/** Two-part questions over every release: each part is a question a structured kind reads on its own. */
export function twoPartQuestions(dataset: Dataset, count: number): TwoPart[] {
  const random = prng(2_2);
  const versions = dataset.releases.map((release) => release.version).filter((version) => minorNumber(version) >= 12);
  const next = (v: string, by: number) => `1.${minorNumber(v) + by}`;
  const templates: Array<(v: string) => TwoPart> = [
    (v) => ({ text: `what went GA in ${v}, and who led it?`, first: `what went GA in ${v}` }),
    (v) => ({
      text: `when is code freeze for ${v} and who is the release lead?`,
      first: `when is code freeze for ${v}`,
    }),
    (v) => ({ text: `is ${v} still supported? what was removed in it?`, first: `is ${v} still supported` }),
    (v) => ({
      text: `we're moving from ${v} to ${next(v, 1)} — which beta features became GA, and what breaks?`,
      first: `we're moving from ${v} to ${next(v, 1)}`,
    }),
    (v) => ({
      text: `which features that went beta in ${v} became GA in ${next(v, 2)}?`,
      first: `which features went beta in ${v}`,
    }),
    (v) => ({ text: `what went stable in ${v}, did sidecars make it?`, first: `what went stable in ${v}` }),
    (v) => ({ text: `who led ${v}; when was it released?`, first: `who led ${v}` }),
  ];
  return Array.from({ length: count }, () => {
    const version = versions[Math.floor(random() * versions.length)]!;
    return templates[Math.floor(random() * templates.length)]!(version);
  });
}

interface ChildReport {
  importMs: number;
  loadMs: number;
  indexMs: number;
  /** Process CPU time (all threads, GC included) of load + index: what the wall clock is when nothing else runs. */
  startupCpuMs: number;
  /** The first question after start-up, which builds the vocabulary (EngineIndex.vocabulary). */
  firstAnswerMs: number;
  /** The first full-text question after that, which builds the search index. */
  firstSearchMs: number;
  rssStartupMb: number;
  rssAfterMb: number;
  heapAfterMb: number;
  /** Per question, steady state in that process (ROUNDS rounds after the first): every sample, and each question's fastest. */
  steady: SteadyState;
}

/** Child mode: a fresh process measuring start-up and memory only. */
async function child(): Promise<void> {
  const started = performance.now();
  const { loadDataset: load } = await import('../src/data/load.ts');
  const { createEngine } = await import('../src/engine/index.ts');
  const { renderText: render } = await import('../src/render/text.ts');
  const imported = performance.now();
  const cpuStarted = process.cpuUsage();
  const dataset = load();
  const loaded = performance.now();
  const engine = createEngine(dataset);
  const built = performance.now();
  const cpu = process.cpuUsage(cpuStarted);
  const rssStartup = process.memoryUsage().rss;
  // The vocabulary is built by the first question (the running bot builds it right after start-up), the
  // full-text index by the first question that needs it.
  engine.answer('who led 1.24', NOW);
  const answered = performance.now();
  engine.answer('xyzzy frobnicate', NOW);
  const firstSearchMs = performance.now() - answered;
  const asked = questions(dataset, QUESTIONS).map((question) => question.text);
  for (const text of asked) render(engine.answer(text, NOW));
  const memory = process.memoryUsage();
  // The pass above was the first: memory is read after it, before the timed rounds.
  const steady = steadyState((text) => render(engine.answer(text, NOW)), asked, true);
  const report: ChildReport = {
    importMs: imported - started,
    loadMs: loaded - imported,
    indexMs: built - loaded,
    startupCpuMs: (cpu.user + cpu.system) / 1000,
    firstAnswerMs: answered - built,
    firstSearchMs,
    rssStartupMb: rssStartup / 2 ** 20,
    rssAfterMb: memory.rss / 2 ** 20,
    heapAfterMb: memory.heapUsed / 2 ** 20,
    steady,
  };
  process.stdout.write(JSON.stringify(report));
}

/**
 * How the child runs: from an esbuild bundle built as `npm run build` builds the bot (one file, as production
 * runs it), or through tsx (the run-time transpiler, whose loader thread and per-file transforms cost memory
 * and time of their own; kept beside the bundle for comparison with the figures measured before).
 */
type ChildRunner = 'bundle' | 'tsx';

/** This file as one bundle in bench/.build (two folders below the repository, as src/data/paths.ts expects). */
const bundleChild = (): Promise<string> =>
  bundleAsTheBot(fileURLToPath(import.meta.url), path.join(here, '.build', 'engine-child.mjs'));

/** A child process's one line of JSON on stdout. */
function childJson<T>(command: string, args: string[], env: NodeJS.ProcessEnv, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const proc = spawn(command, args, { env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    proc.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    proc.on('error', reject);
    proc.on('close', (code) =>
      code === 0 ? resolve(JSON.parse(out) as T) : reject(new Error(`${what} exited ${code}: ${err}`)),
    );
  });
}

function runChild(runner: ChildRunner, bundle: string): Promise<ChildReport> {
  const tsx = path.join(here, '..', 'node_modules', '.bin', 'tsx');
  const [command, args] = runner === 'bundle' ? [process.execPath, [bundle]] : [tsx, [fileURLToPath(import.meta.url)]];
  return childJson(command, args, { ENGINE_BENCH_CHILD: '1' }, `engine bench child (${runner})`);
}

/**
 * This tree's engine and the one before the registry, by one steady-state loop over the same questions, each in
 * processes of its own; and the two paired in one process (the ratio the bar is judged by: see `paired`).
 */
interface BeforeAndNow {
  now: SteadyState;
  before: SteadyState;
  /** Median over PAIRED_RUNS processes of this tree's figure over the one before the registry. */
  ratio: Paired['ratio'];
}

/** Fresh processes of each engine on its own: whole processes are fast or slow on a shared machine. */
const SIDE_BY_SIDE_RUNS = 5;
/** Fresh processes of the two engines paired. */
const PAIRED_RUNS = 5;

/**
 * SIDE_BY_SIDE_RUNS fresh processes of each engine from its bundle, alternating, over the bench's questions (each
 * figure the median of its runs), then PAIRED_RUNS processes of the two paired. The reason instead when the tree
 * before the registry cannot be had (no git history).
 */
async function measureBeforeRegistry(texts: string[]): Promise<BeforeAndNow | { unavailable: string }> {
  const before = await beforeRegistryBundle();
  if ('unavailable' in before) return before;
  const now = await bundleAsTheBot(path.join(here, 'engine-steady.ts'), path.join(here, '.build', 'engine-steady.mjs'));
  const questionsFile = path.join(here, '.build', 'engine-questions.json');
  mkdirSync(path.dirname(questionsFile), { recursive: true });
  writeFileSync(questionsFile, JSON.stringify(texts));
  const runs: Record<'now' | 'before', SteadyState[]> = { now: [], before: [] };
  for (let run = 0; run < SIDE_BY_SIDE_RUNS; run++)
    for (const [which, bundle] of [
      ['now', now],
      ['before', before.bundle],
    ] as const)
      runs[which].push(
        await childJson<SteadyState>(
          process.execPath,
          [bundle],
          { [QUESTIONS_VARIABLE]: questionsFile },
          `engine (${which})`,
        ),
      );
  const ratios: Array<Paired['ratio']> = [];
  for (let run = 0; run < PAIRED_RUNS; run++)
    ratios.push(
      (
        await childJson<Paired>(
          process.execPath,
          [now],
          { [QUESTIONS_VARIABLE]: questionsFile, [PAIRED_VARIABLE]: before.bundle },
          'engines paired',
        )
      ).ratio,
    );
  const middle = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const median = (list: SteadyState[]): SteadyState => {
    const of = (figure: keyof SteadyState) => middle(list.map((run) => run[figure]));
    return { p50: of('p50'), p99: of('p99'), mean: of('mean'), bestP50: of('bestP50'), bestP99: of('bestP99') };
  };
  const ratio = (figure: keyof Paired['ratio']) => middle(ratios.map((run) => run[figure]));
  return {
    now: median(runs.now),
    before: median(runs.before),
    ratio: { p50: ratio('p50'), p99: ratio('p99'), mean: ratio('mean') },
  };
}

/** Three fresh processes of each runner, alternating; the median start-up of each. */
async function measureChildren(): Promise<Record<ChildRunner, ChildReport>> {
  const bundle = await bundleChild();
  const reports: Record<ChildRunner, ChildReport[]> = { bundle: [], tsx: [] };
  for (let run = 0; run < 3; run++)
    for (const runner of ['bundle', 'tsx'] as const) reports[runner].push(await runChild(runner, bundle));
  const median = (list: ChildReport[]) =>
    list.sort((a, b) => a.loadMs + a.indexMs - (b.loadMs + b.indexMs))[Math.floor(list.length / 2)]!;
  return { bundle: median(reports.bundle), tsx: median(reports.tsx) };
}

/** The start-up and memory lines of one runner's median child. */
function childLines(runner: ChildRunner, child: ChildReport): string[] {
  const how = runner === 'bundle' ? 'from an esbuild bundle, as production runs' : 'through tsx';
  return [
    `start-up in a fresh process ${how} (median of 3): loadDataset ${ms(child.loadMs)}, index build ${ms(child.indexMs)} → load + index ${ms(child.loadMs + child.indexMs)} (CPU time ${ms(child.startupCpuMs)}); then the first question (builds the vocabulary) ${ms(child.firstAnswerMs)}, the first full-text question (builds the search index) ${ms(child.firstSearchMs)}`,
    `memory in that process: RSS ${child.rssStartupMb.toFixed(0)} MB after start-up, ${child.rssAfterMb.toFixed(0)} MB after ${QUESTIONS} questions (heap ${child.heapAfterMb.toFixed(0)} MB)`,
    `per question in that process (engine.answer + renderText, ${ROUNDS} × ${QUESTIONS} after a first pass): p50 ${ms(child.steady.p50)}, p99 ${ms(child.steady.p99)}; each question's fastest of ${ROUNDS}: p50 ${ms(child.steady.bestP50)}, p99 ${ms(child.steady.bestP99)}`,
  ];
}

const BEFORE_REGISTRY_NAME = `the engine before the registry (the first-match cascade issue 10 was filed against: commit ${BEFORE_REGISTRY.commit.slice(0, 7)}, ${BEFORE_REGISTRY.date}, with its own data)`;

/** The two engines side by side, per question, from the bundle. */
function beforeRegistryLines(beside: BeforeAndNow | { unavailable: string }): string[] {
  if ('unavailable' in beside) return [`${BEFORE_REGISTRY_NAME}: not measured: ${beside.unavailable}`];
  const row = (name: string, steady: SteadyState) =>
    `| ${name} | ${ms(steady.p50)} | ${ms(steady.p99)} | ${ms(steady.mean)} | ${ms(steady.bestP50)} | ${ms(steady.bestP99)} |`;
  return [
    `| per question beside ${BEFORE_REGISTRY_NAME}, the same ${QUESTIONS} questions, ${SIDE_BY_SIDE_RUNS} fresh processes each from the bundle, alternating (each figure the median of its runs), ${ROUNDS} rounds | p50 | p99 | mean | fastest-of-${ROUNDS} p50 | fastest-of-${ROUNDS} p99 |`,
    '| --- | --- | --- | --- | --- | --- |',
    row('this tree', beside.now),
    row('before the registry', beside.before),
    '',
    `the two paired in one process (${PAIRED_RUNS} processes; each alternates the engines question by question over ${PAIRED_ROUNDS} rounds, the median ratio of them), this tree over before the registry: p50 ${beside.ratio.p50.toFixed(3)}×, p99 ${beside.ratio.p99.toFixed(3)}×, mean ${beside.ratio.mean.toFixed(3)}×`,
  ];
}

/** Issue 10's bar judged beside the engine it was filed against, in the same run: "stays at or below today's cost". */
function beforeRegistryTarget(beside: BeforeAndNow | { unavailable: string }): string {
  if ('unavailable' in beside) return 'p50 ≤ the engine before the registry → not measured';
  const judged = (now: number, before: number) =>
    `${now <= before ? 'met' : 'NOT met'} (${(now / before).toFixed(2)}×)`;
  const paired = (ratio: number) => `${ratio <= 1 ? 'met' : 'NOT met'} (${ratio.toFixed(2)}×)`;
  return (
    `p50 ≤ the engine before the registry in the same run → paired ${paired(beside.ratio.p50)}; separate processes: all rounds ${judged(beside.now.p50, beside.before.p50)}, ` +
    `fastest-of-${ROUNDS} ${judged(beside.now.bestP50, beside.before.bestP50)}; p99 → paired ${paired(beside.ratio.p99)}, separate processes all rounds ${judged(beside.now.p99, beside.before.p99)}`
  );
}

interface Pass {
  wall: number[];
  /** The answer kind of each question, in order. */
  intents: string[];
  cpu: number[];
  byIntent: Map<string, number[]>;
  totalMs: number;
  chars: number;
}

/** One pass over the questions; `cpu` also reads the process CPU clock around each (two syscalls, outside the wall-clock window). */
function enginePass(asked: Question[], index: EngineIndex, cpu = false): Pass {
  const pass: Pass = { wall: [], intents: [], cpu: [], byIntent: new Map(), totalMs: 0, chars: 0 };
  const passStarted = performance.now();
  for (const question of asked) {
    const cpuStarted = cpu ? process.cpuUsage() : null;
    const started = performance.now();
    const answer = execute(parse(question.text, index, NOW), index, NOW);
    const text = renderText(answer);
    const elapsed = performance.now() - started;
    if (cpuStarted) {
      const used = process.cpuUsage(cpuStarted);
      pass.cpu.push((used.user + used.system) / 1000);
    }
    pass.wall.push(elapsed);
    pass.intents.push(answer.intent);
    pass.chars += text.length;
    const list = pass.byIntent.get(answer.intent);
    if (list) list.push(elapsed);
    else pass.byIntent.set(answer.intent, [elapsed]);
  }
  pass.totalMs = performance.now() - passStarted;
  return pass;
}

function baselinePass(
  asked: Question[],
  byNumber: Map<number, Dataset['keps'][number]>,
): { wall: number[]; totalMs: number; chars: number } {
  const wall: number[] = [];
  let chars = 0;
  const passStarted = performance.now();
  for (const question of asked) {
    const started = performance.now();
    const kep = byNumber.get(question.kep);
    const line = kep ? `KEP-${kep.number} ${kep.title} [${kep.stage ?? 'none'}, ${kep.owningSig}]` : 'not found';
    wall.push(performance.now() - started);
    chars += line.length;
  }
  return { wall, totalMs: performance.now() - passStarted, chars };
}

export default async function benchEngine(): Promise<void> {
  const children = await measureChildren();
  const startup = children.bundle;

  const dataset = loadDataset();
  const buildSamples: number[] = [];
  for (let run = 0; run < 10; run++) {
    const started = performance.now();
    const built = buildIndex(dataset);
    void built.vocabulary;
    void built.kepSearch;
    buildSamples.push(performance.now() - started);
  }
  const index = buildIndex(dataset);
  const asked = questions(dataset, QUESTIONS);
  const byNumber = new Map(dataset.keps.map((kep) => [kep.number, kep]));
  const beside = await measureBeforeRegistry(asked.map((question) => question.text));

  // The first pass meets every code path for the first time (lazy compilation, JIT); it is reported
  // on its own. The rounds after it are the steady state a long-running bot lives in.
  const cold = enginePass(asked, index);
  baselinePass(asked, byNumber);
  const cpuRound = enginePass(asked, index, true);
  const rounds: Pass[] = [];
  const baselineRounds: Array<ReturnType<typeof baselinePass>> = [];
  for (let round = 0; round < ROUNDS; round++) {
    rounds.push(enginePass(asked, index));
    baselineRounds.push(baselinePass(asked, byNumber));
  }

  const warm = summarize(rounds.flatMap((round) => round.wall));
  // Each question was asked once per round; its fastest round is its own cost with the least
  // interference from other processes and GC (the machine this runs on is shared).
  const bestOf = asked.map((_, at) => Math.min(...rounds.map((round) => round.wall[at]!)));
  const best = summarize(bestOf);
  const warmCpu = summarize(cpuRound.cpu);
  const roundP99s = rounds.map((round) => summarize(round.wall).p99).sort((a, b) => a - b);
  const medianRoundP99 = roundP99s[Math.floor(roundP99s.length / 2)]!;
  const coldStats = summarize(cold.wall);
  const baseline = summarize(baselineRounds.flatMap((round) => round.wall));
  const qps = (count: number, totalMs: number) => Math.round((count / totalMs) * 1000).toLocaleString('en-US');
  const warmTotal = rounds.reduce((sum, round) => sum + round.totalMs, 0);
  const baselineTotal = baselineRounds.reduce((sum, round) => sum + round.totalMs, 0);
  const twoParts = twoPartQuestions(dataset, TWO_PART_QUESTIONS);
  const split = twoParts.filter((question) => (parse(question.text, index, NOW).notes.followUps ?? []).length > 0);
  const asText = (texts: string[]) => texts.map((text) => ({ text, kep: 0 }));
  const twoPartRounds: Pass[] = [];
  const firstPartRounds: Pass[] = [];
  enginePass(asText(twoParts.map((question) => question.text)), index);
  for (let round = 0; round < ROUNDS; round++) {
    twoPartRounds.push(enginePass(asText(twoParts.map((question) => question.text)), index));
    firstPartRounds.push(enginePass(asText(twoParts.map((question) => question.first)), index));
  }
  const twoPart = summarize(twoPartRounds.flatMap((round) => round.wall));
  const firstPart = summarize(firstPartRounds.flatMap((round) => round.wall));

  const roundP99 = rounds.map((round) => ms(summarize(round.wall).p99)).join(', ');
  const startupMs = startup.loadMs + startup.indexMs;
  const build = summarize(buildSamples);
  const [load1] = os.loadavg();

  console.log(
    `machine load average while measuring: ${load1!.toFixed(2)} on ${os.cpus().length} CPUs (wall-clock percentiles include any time other processes held the CPU)`,
  );
  console.log(
    `${asked.length} questions (${new Set(asked.map((q) => q.text)).size} distinct) over ${cold.byIntent.size} answer kinds, ${(cold.chars / asked.length).toFixed(0)} characters of text per answer (baseline ${(baselineRounds[0]!.chars / asked.length).toFixed(0)})`,
  );
  console.log(`| per question | p50 | p99 | max | mean | questions/s |`);
  console.log(`| --- | --- | --- | --- | --- | --- |`);
  console.log(
    `| parse + execute + renderText, steady state (${ROUNDS} × ${asked.length}) | ${ms(warm.p50)} | ${ms(warm.p99)} | ${ms(warm.max)} | ${ms(warm.mean)} | ${qps(asked.length * ROUNDS, warmTotal)} |`,
  );
  console.log(
    `| same, each question's fastest of its ${ROUNDS} rounds (interference filtered) | ${ms(best.p50)} | ${ms(best.p99)} | ${ms(best.max)} | ${ms(best.mean)} | |`,
  );
  console.log(
    `| same, process CPU time (one more round; all threads, GC included) | ${ms(warmCpu.p50)} | ${ms(warmCpu.p99)} | ${ms(warmCpu.max)} | ${ms(warmCpu.mean)} | |`,
  );
  console.log(
    `| same, first pass (cold: first compile of every path) | ${ms(coldStats.p50)} | ${ms(coldStats.p99)} | ${ms(coldStats.max)} | ${ms(coldStats.mean)} | ${qps(asked.length, cold.totalMs)} |`,
  );
  console.log(
    `| baseline: Map.get(KEP) + one line (${ROUNDS} × ${asked.length}) | ${ms(baseline.p50)} | ${ms(baseline.p99)} | ${ms(baseline.max)} | ${ms(baseline.mean)} | ${qps(asked.length * ROUNDS, baselineTotal)} |`,
  );
  console.log(
    `\n| two-part questions (${split.length} of ${twoParts.length} answered in parts), ${ROUNDS} rounds | p50 | p99 | max | mean |`,
  );
  console.log(`| --- | --- | --- | --- | --- |`);
  console.log(
    `| split + each part read + answered + rendered | ${ms(twoPart.p50)} | ${ms(twoPart.p99)} | ${ms(twoPart.max)} | ${ms(twoPart.mean)} |`,
  );
  console.log(
    `| baseline: the first part asked alone | ${ms(firstPart.p50)} | ${ms(firstPart.p99)} | ${ms(firstPart.max)} | ${ms(firstPart.mean)} |`,
  );
  console.log(`steady-state p99 per round: ${roundP99} (median ${ms(medianRoundP99)}, best ${ms(roundP99s[0]!)})`);
  console.log(`\n| answer kind | questions | p50 (all rounds) | p99 (all rounds) | p99 (fastest of ${ROUNDS}) |`);
  console.log(`| --- | --- | --- | --- | --- |`);
  const intents = new Map<string, { all: number[]; best: number[] }>();
  for (const intent of cold.byIntent.keys()) intents.set(intent, { all: [], best: [] });
  asked.forEach((_, at) => {
    const entry = intents.get(cold.intents[at]!)!;
    for (const round of rounds) entry.all.push(round.wall[at]!);
    entry.best.push(bestOf[at]!);
  });
  for (const [intent, samples] of [...intents.entries()].sort((a, b) => b[1].best.length - a[1].best.length)) {
    const all = summarize(samples.all);
    console.log(
      `| ${intent} | ${samples.best.length} | ${ms(all.p50)} | ${ms(all.p99)} | ${ms(summarize(samples.best).p99)} |`,
    );
  }
  console.log(`\n${[...childLines('bundle', children.bundle), ...childLines('tsx', children.tsx)].join('\n')}`);
  console.log(
    `index build with the vocabulary and the search index, warm (10 runs): p50 ${ms(build.p50)}, max ${ms(build.max)}`,
  );
  console.log(`\n${beforeRegistryLines(beside).join('\n')}`);
  console.log(
    `targets: p50 ≤ ${TARGET_P50_MS} ms → here (tsx) all rounds ${warm.p50 <= TARGET_P50_MS ? 'met' : 'NOT met'}, fastest-of-${ROUNDS} ${best.p50 <= TARGET_P50_MS ? 'met' : 'NOT met'}, ` +
      `from the bundle all rounds ${startup.steady.p50 <= TARGET_P50_MS ? 'met' : 'NOT met'}, fastest-of-${ROUNDS} ${startup.steady.bestP50 <= TARGET_P50_MS ? 'met' : 'NOT met'}; ` +
      `${beforeRegistryTarget(beside)}; ` +
      `p99 < ${TARGET_P99_MS} ms → all rounds ${warm.p99 < TARGET_P99_MS ? 'met' : 'NOT met'}, median round ${medianRoundP99 < TARGET_P99_MS ? 'met' : 'NOT met'}, fastest-of-${ROUNDS} ${best.p99 < TARGET_P99_MS ? 'met' : 'NOT met'}; start-up < ${TARGET_STARTUP_MS} ms → wall ${startupMs < TARGET_STARTUP_MS ? 'met' : 'NOT met'}, CPU ${startup.startupCpuMs < TARGET_STARTUP_MS ? 'met' : 'NOT met'}; RSS < ${TARGET_RSS_MB} MB → bundle ${startup.rssAfterMb < TARGET_RSS_MB ? 'met' : 'NOT met'}, tsx ${children.tsx.rssAfterMb < TARGET_RSS_MB ? 'met' : 'NOT met'}`,
  );
}

if (process.env.ENGINE_BENCH_CHILD === '1') await child();
