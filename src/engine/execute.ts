import type { Answer } from '../domain/answer.ts';
import { correctStatement, leadWithVerdict, withFollowUps, withoutAskedSuggestions } from './assemble.ts';
import type { EngineIndex } from './context.ts';
import { makeAnswer, section } from './format.ts';
import { parseNoteLines } from './intents/common.ts';
import { kindOf, type Query } from './kinds/registry.ts';
import { parse } from './parse.ts';

/** stdout belongs to the CLI and the console adapter; a bug report goes to stderr. */
function reportToStderr(error: unknown, query: Query): void {
  process.stderr.write(
    `engine: could not answer a ${query.kind} question: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
}

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
  onError: (error: unknown, query: Query) => void = reportToStderr,
): Answer {
  try {
    const answerOf = (one: Query) =>
      leadWithVerdict(kindOf(one.kind).answer(one, index, now), one.notes.yesNo ?? false);
    const read = (text: string) => parse(text, index, now);
    const followUps = query.notes.followUps ?? [];
    let answer = answerOf(query);
    if (followUps.length) answer = withFollowUps(query, answer, followUps, read, answerOf, index, now);
    const asked = query.notes.asked;
    const { statedDates, yesNo } = query.notes;
    if (asked && statedDates?.length) answer = correctStatement(asked, statedDates, answer, yesNo);
    answer = withoutAskedSuggestions(
      answer,
      query,
      [...(asked ? [asked] : []), ...followUps.map((part) => part.text)],
      read,
      index,
    );
    const notes = parseNoteLines(query.notes);
    return notes.length ? { ...answer, sections: [...answer.sections, section('Note', { lines: notes })] } : answer;
  } catch (error) {
    onError(error, query);
    return makeAnswer(index.footer, {
      intent: 'unknown',
      title: 'Something went wrong',
      summary:
        'Sorry, I could not answer that: something unexpected went wrong on my side. Try rephrasing, or ask “help” for examples.',
      suggestions: ['help'],
    });
  }
}
