import type { Answer } from '../domain/answer.ts';
import type { EngineIndex } from './context.ts';
import { makeAnswer, section } from './format.ts';
import { parseNoteLines } from './intents/common.ts';
import { kindOf, type Query } from './kinds/registry.ts';

/** stdout belongs to the CLI and the console adapter; a bug report goes to stderr. */
function reportToStderr(error: unknown, query: Query): void {
  process.stderr.write(`engine: could not answer a ${query.kind} question: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
}

/**
 * A Query in, an Answer out, by the kind's own answer function. Never throws: an unexpected
 * failure becomes an apologetic answer rather than a crashed chat handler. `index` is built once
 * per dataset (see buildIndex).
 */
export function execute(query: Query, index: EngineIndex, now: Date, onError: (error: unknown, query: Query) => void = reportToStderr): Answer {
  try {
    const answer = kindOf(query.kind).answer(query, index, now);
    const notes = parseNoteLines(query.notes);
    return notes.length ? { ...answer, sections: [...answer.sections, section('Note', { lines: notes })] } : answer;
  } catch (error) {
    onError(error, query);
    return makeAnswer(index.footer, {
      intent: 'unknown',
      title: 'Something went wrong',
      summary: 'Sorry, I could not answer that: something unexpected went wrong on my side. Try rephrasing, or ask “help” for examples.',
      suggestions: ['help'],
    });
  }
}
