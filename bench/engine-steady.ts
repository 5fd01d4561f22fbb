// One engine's steady state over one mix of questions, in the process that runs it. The engine bench's children
// measure this tree with it; copied into a tree extracted from git, the same file measures the engine issue 10 was
// filed against (see before-registry.ts), so the two are timed by one loop over the same questions.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { summarize } from './stats.ts';

/** The moment every bench question is asked at. */
export const NOW = new Date('2026-08-22T12:00:00Z');
/** Timed rounds after the first pass. */
export const ROUNDS = 5;

/** Per question, in ms: every sample of every round, and each question's fastest round. */
export interface SteadyState {
  p50: number;
  p99: number;
  mean: number;
  bestP50: number;
  bestP99: number;
}

/**
 * `answer` (read, answer and render one question) over `texts`: a first pass (every path compiled, every lazy index
 * built) unless the caller made it (`warmed`), then ROUNDS timed rounds. Each question's fastest round is its cost
 * with the least interference from other processes and GC.
 */
export function steadyState(answer: (text: string) => unknown, texts: readonly string[], warmed = false): SteadyState {
  if (!warmed) for (const text of texts) answer(text);
  const rounds = Array.from({ length: ROUNDS }, () =>
    texts.map((text) => {
      const started = performance.now();
      answer(text);
      return performance.now() - started;
    }),
  );
  const all = summarize(rounds.flat());
  const fastest = summarize(texts.map((_, at) => Math.min(...rounds.map((round) => round[at]!))));
  return { p50: all.p50, p99: all.p99, mean: all.mean, bestP50: fastest.p50, bestP99: fastest.p99 };
}

/** Two engines' cost per question in one process: the second's figure over the first's. */
export interface Paired {
  ratio: { p50: number; p99: number; mean: number };
}

/** Timed rounds of the paired comparison after its first pass. */
export const PAIRED_ROUNDS = 6;

/**
 * Two engines in one process over the same questions, question by question, which of the two goes first alternating:
 * both meet the same machine at the same moment (other processes, CPU frequency, a neighbour's load), so their ratio
 * holds to about 2 % from run to run where figures of separate processes move by 10 %. Each engine is slower here
 * than on its own (two engines share the caches); the ratio is the comparison, not the figures.
 */
export function paired(
  first: (text: string) => unknown,
  second: (text: string) => unknown,
  texts: readonly string[],
): Paired {
  for (const text of texts) {
    first(text);
    second(text);
  }
  const samples: [number[], number[]] = [[], []];
  const engines = [first, second] as const;
  for (let round = 0; round < PAIRED_ROUNDS; round++)
    texts.forEach((text, at) => {
      const order = (round + at) % 2 === 0 ? [0, 1] : [1, 0];
      for (const which of order) {
        const started = performance.now();
        engines[which]!(text);
        samples[which]!.push(performance.now() - started);
      }
    });
  const [a, b] = [summarize(samples[0]), summarize(samples[1])];
  return { ratio: { p50: b.p50 / a.p50, p99: b.p99 / a.p99, mean: b.mean / a.mean } };
}

/** This tree's engine (its src/ beside this folder, its own data/): read, answer and render one question. */
export async function treeEngine(): Promise<(text: string) => string> {
  const { loadDataset } = await import('../src/data/load.ts');
  const { createEngine } = await import('../src/engine/index.ts');
  const { renderText } = await import('../src/render/text.ts');
  const engine = createEngine(loadDataset());
  return (text) => renderText(engine.answer(text, NOW));
}

/** The variable that runs this file as a child: the path of a JSON array of questions. */
export const QUESTIONS_VARIABLE = 'ENGINE_STEADY_QUESTIONS';
/** Beside it, the bundle of another tree's copy of this file: the child times the two engines paired (see paired). */
export const PAIRED_VARIABLE = 'ENGINE_STEADY_PAIRED_WITH';

// Child mode, only in the process this file was started as (not in a bundle imported for its treeEngine): the engine
// of the tree this file sits in, alone or first beside the other tree's. The modules it imports and their signatures
// are the same in every tree this is run in.
const questionsFile = process.env[QUESTIONS_VARIABLE];
if (questionsFile && process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  const texts = JSON.parse(readFileSync(questionsFile, 'utf8')) as string[];
  const own = await treeEngine();
  const other = process.env[PAIRED_VARIABLE];
  const result = other
    ? paired(
        await ((await import(pathToFileURL(other).href)) as { treeEngine: typeof treeEngine }).treeEngine(),
        own,
        texts,
      )
    : steadyState(own, texts);
  process.stdout.write(JSON.stringify(result));
}
