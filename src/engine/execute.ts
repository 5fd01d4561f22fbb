import type { Answer } from '../domain/answer.ts';
import { createLogger, type Logger } from '../log.ts';
import { correctStatement, leadWithVerdict, withFollowUps, withoutAskedSuggestions } from './assemble.ts';
import type { EngineIndex } from './engine-index.ts';
import { makeAnswer, section } from '../domain/answer-builders.ts';
import { parseNoteLines } from './parse-notes.ts';
import { kindOf, type Query } from './kinds/registry.ts';
import { parse } from './parse.ts';

/** What the engine does with a failure it turned into an apology. */
export type FailureReporter = (error: unknown, query: Query) => void;

/** Failures go through the logger (pino's redaction included); the question's own words are not logged. */
export const logFailures =
  (logger: Logger): FailureReporter =>
  (error, query) =>
    logger.error({ err: error, kind: query.kind }, 'engine: could not answer a question');

let fallbackLogger: Logger | null = null;
/** For callers that pass no logger (tests, benches): the project's logger on stderr, made when first needed. */
const reportToStderr: FailureReporter = (error, query) => {
  fallbackLogger ??= createLogger('error');
  logFailures(fallbackLogger)(error, query);
};

/**
 * A Query in, an Answer out, by the kind's own answer function, then the parts every answer shares
 * (see assemble.ts): the other parts of a two-part question, a correction of a wrong statement,
 * "Try:" without the question asked, the parser's notes. Never throws: an unexpected failure
 * becomes an apologetic answer rather than a crashed chat handler. `index` is built once per
 * dataset (see buildIndex).
 */
export function execute(
  query: Query,
  index: EngineIndex,
  now: Date,
  onError: FailureReporter = reportToStderr,
): Answer {
  try {
    const answerOf = (one: Query) =>
      leadWithVerdict(kindOf(one.kind).answer(one, index, now), one.notes.yesNo ?? false);
    const read = (text: string) => parse(text, index, now);
    const followUps = query.notes.followUps ?? [];
    let answer = answerOf(query);
    if (followUps.length) answer = withFollowUps(query, answer, followUps, read, answerOf, index, now);
    const asked = query.notes.asked;
    const { statedDates = [], statedPeriods = [], yesNo } = query.notes;
    if (asked && (statedDates.length || statedPeriods.length))
      answer = correctStatement(asked, { dates: statedDates, periods: statedPeriods }, answer, yesNo);
    const askedTexts: string[] = asked ? [asked] : [];
    for (const part of followUps) askedTexts.push(part.text);
    answer = withoutAskedSuggestions(answer, query, askedTexts, read, index);
    const notes = parseNoteLines(query.notes);
    return notes.length ? { ...answer, sections: [...answer.sections, section('Note', { lines: notes })] } : answer;
  } catch (error) {
    onError(error, query);
    return makeAnswer(index.footer, {
      intent: 'unknown',
      title: 'Something went wrong',
      summary:
        'Sorry, I could not answer that: something unexpected went wrong on my side. ' +
        'Try rephrasing, or ask “help” for examples.',
      suggestions: ['help'],
    });
  }
}
