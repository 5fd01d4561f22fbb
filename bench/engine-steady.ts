// One engine's steady state over one mix of questions, in the process that runs it. The engine bench's children
// measure this tree with it; copied into a tree extracted from git, the same file measures the engine issue 10 was
// filed against (see before-registry.ts), so the two are timed by one loop over the same questions.
import { readFileSync } from 'node:fs';
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

/** The variable that runs this file as a child: the path of a JSON array of questions. */
export const QUESTIONS_VARIABLE = 'ENGINE_STEADY_QUESTIONS';

// Child mode: the engine of the tree this file sits in (its src/ beside this folder), from its own data/. The three
// modules and their signatures are the same in every tree this is run in.
const questionsFile = process.env[QUESTIONS_VARIABLE];
if (questionsFile) {
  const { loadDataset } = await import('../src/data/load.ts');
  const { createEngine } = await import('../src/engine/index.ts');
  const { renderText } = await import('../src/render/text.ts');
  const engine = createEngine(loadDataset());
  const texts = JSON.parse(readFileSync(questionsFile, 'utf8')) as string[];
  process.stdout.write(JSON.stringify(steadyState((text) => renderText(engine.answer(text, NOW)), texts)));
}
