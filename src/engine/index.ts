import type { Answer } from '../domain/answer.ts';
import type { Dataset } from '../domain/dataset.ts';
import { buildIndex } from './context.ts';
import { execute } from './execute.ts';
import { makeAnswer } from './format.ts';
import { parse } from './parse.ts';
import type { Query } from './query.ts';

export interface Engine {
  /** Chat text in, a structured answer out. Never throws. */
  answer(text: string, now: Date): Answer;
  /** A plain informational answer (used by the bot core for things like "digests disabled"). */
  notice(message: string, now: Date): Answer;
}

export interface EngineOptions {
  /** Called when answering fails unexpectedly (the user still gets an apology); default: stderr. */
  onError?: (error: unknown, query: Query) => void;
}

/** Builds the lookup tables and the search index once; every question after that is parse + execute. */
export function createEngine(dataset: Dataset, options: EngineOptions = {}): Engine {
  const index = buildIndex(dataset);
  return {
    answer: (text, now) => execute(parse(text, now), index, now, options.onError),
    notice: (message) => makeAnswer(index.footer, { intent: 'help', title: 'k8s-release-bot', summary: message }),
  };
}
