import type { z } from 'zod';
import type { Answer, AnswerIntent } from '../../domain/answer.ts';
import type { EngineIndex } from '../engine-index.ts';
import type { ParseNotes } from '../refs.ts';
import type { Question } from '../understand/question.ts';

/** A recogniser's reading of a question: how sure it is, and the query it would answer. */
export interface Candidate<Q> {
  /**
   * 0–100. Use the SCORE levels below: a kind sure of itself (its cue words and the entities it
   * needs are all there) scores `certain` or `strong`; one that could answer but is guessing scores
   * `weak`. The router picks the highest score; ties go by the named rules in registry.ts.
   */
  score: number;
  /** The query without `notes` (the router adds what it noticed about the text). */
  query: Omit<Q, 'notes'>;
}

/** Score levels, so recognisers written apart agree on what a number means. */
export const SCORE = {
  /** A command word that means one thing only ("help", "subscribe …"). */
  command: 100,
  /** The kind's own cue words and every entity it needs are present. */
  certain: 90,
  /** Cue words present; the entities are there or the kind has a sensible default. */
  strong: 70,
  /** Entities fit the kind but its cue words are missing or shared with other kinds. */
  likely: 50,
  /** Could answer, but only as a guess (full-text search, a bare version). */
  weak: 30,
  /** Last resort: something to say rather than nothing. */
  fallback: 5,
} as const;

/**
 * One kind of question. Each kind is one module (src/engine/kinds/<name>.ts) exporting a
 * `const xKind: QuestionKind<XQuery> = {...}`, listed once in KINDS (registry.ts); `Query`, `QueryKind`, the answer
 * intents it may give, the help examples and the words the engine knows are derived from that table.
 *
 * - `schema`: the zod object for this kind's Query; its `kind` is a literal and it includes
 *   `notes: ParseNotes` (use `queryShape(kind, {...})`).
 * - `recognize(question)`: the entities found in the text plus the cue words → a Candidate, or null
 *   when the kind does not fit. Pure and fast (no search, no loops over the dataset): everything
 *   dataset-specific is already in `question.entities` / `question.index`.
 * - `answer(query, index, now)`: the Answer, honest at any `now` (nothing that did not exist then).
 *   Its first line (`summary`) answers what was asked.
 * - `examples`: help lines ("what went GA in 1.31 / beta features in 1.30").
 * - `vocabulary`: cue words that belong to this kind. They never become search terms.
 * - `intent`: the answer intent the kind's answers carry (a name in ANSWER_INTENTS; public via `ask --json`).
 */
export interface QuestionKind<Q extends { kind: string; notes: ParseNotes } = { kind: string; notes: ParseNotes }> {
  readonly kind: Q['kind'];
  readonly intent: AnswerIntent;
  readonly schema: z.ZodType<Q>;
  recognize(question: Question): Candidate<Q> | null;
  answer(query: Q, index: EngineIndex, now: Date): Answer;
  readonly examples: readonly string[];
  readonly vocabulary: readonly string[];
}

/** Splits a vocabulary written as one string of words. */
export const words = (text: string): string[] => text.split(/\s+/).filter(Boolean);
