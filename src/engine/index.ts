import type { Answer } from '../domain/answer.ts';
import type { Dataset } from '../domain/dataset.ts';
import { buildIndex, type EngineIndex } from './engine-index.ts';
import { execute, type FailureReporter, logFailures } from './execute.ts';
import type { Logger } from '../log.ts';
import { makeAnswer } from './format.ts';
import { CUE_WORDS, type Query } from './kinds/registry.ts';
import { parse } from './parse.ts';
import { recognizeEntities as entitiesOf, type Entities } from './understand/entities.ts';

export type { EngineIndex } from './engine-index.ts';
export type { Entities } from './understand/entities.ts';
export type { Query, QueryKind } from './kinds/registry.ts';

export interface Engine {
  /** Chat text in, a structured answer out. Never throws. */
  answer(text: string, now: Date): Answer;
  /** Chat text in, the Query it is read as (the one router every message goes through). */
  understand(text: string, now: Date): Query;
  /** A Query built directly (Discord options, buttons) in, its Answer out. Never throws. */
  ask(query: Query, now: Date): Answer;
  /** A plain informational answer (used by the bot core for things like "digests disabled"). */
  notice(message: string, now: Date): Answer;
  readonly index: EngineIndex;
}

export interface EngineOptions {
  /** Where a failure to answer is logged (the user still gets an apology); default: the logger on stderr. */
  logger?: Logger;
  /** Replaces the logging of failures altogether (tests). */
  onError?: FailureReporter;
  /** PUBLIC_URL: answers may link to the bot's own pages (the calendar feed). */
  publicUrl?: string;
}

/** Builds the lookup tables and the vocabulary once (the search index on first use); every question after that is parse + execute. */
export function createEngine(dataset: Dataset, options: EngineOptions = {}): Engine {
  // Not spread: the index builds its search index on first use (see EngineIndex.kepSearch).
  const index = buildIndex(dataset);
  index.publicUrl = options.publicUrl ?? null;
  const onError = options.onError ?? (options.logger ? logFailures(options.logger) : undefined);
  const ask = (query: Query, now: Date) => execute(query, index, now, onError);
  return {
    index,
    answer: (text, now) => ask(parse(text, index, now), now),
    understand: (text, now) => parse(text, index, now),
    ask,
    notice: (message) => makeAnswer(index.footer, { intent: 'help', title: 'k8s-release-bot', summary: message }),
  };
}

/** The entities one pass finds in a question (what the corpus harness compares). */
export function recognizeEntities(text: string, index: EngineIndex, now?: Date): Entities {
  return entitiesOf(text, index, CUE_WORDS, now);
}
