// PLACEHOLDER: the query engine (issue 3) replaces this file's internals; keep the exported shape.
import type { Answer } from '../domain/answer.ts';
import type { Dataset } from '../domain/dataset.ts';

export interface Engine {
  /** Chat text in, a structured answer out. Never throws. */
  answer(text: string, now: Date): Answer;
  /** A plain informational answer (used by the bot core for things like "digests disabled"). */
  notice(message: string, now: Date): Answer;
}

export function createEngine(dataset: Dataset): Engine {
  const footer = `Data as of ${dataset.manifest.dataDate}`;
  const notice = (message: string): Answer => ({
    intent: 'help',
    title: 'k8s-release-bot',
    summary: message,
    release: null,
    facts: [],
    sections: [],
    links: [],
    suggestions: [],
    footer,
  });
  return {
    answer: (text) => notice(`(engine not built yet) ${text.slice(0, 50)}`),
    notice,
  };
}
