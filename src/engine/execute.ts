import type { Answer } from '../domain/answer.ts';
import type { Dataset } from '../domain/dataset.ts';
import { buildIndex, type EngineIndex } from './context.ts';
import { makeAnswer, section } from './format.ts';
import { parseNoteLines } from './intents/common.ts';
import { compare } from './intents/compare.ts';
import { deprecations } from './intents/deprecations.ts';
import { help } from './intents/help.ts';
import { history } from './intents/history.ts';
import { kepLookup } from './intents/kep.ts';
import { releaseSummary } from './intents/release-summary.ts';
import { schedule } from './intents/schedule.ts';
import { search } from './intents/search.ts';
import { sigView } from './intents/sig.ts';
import { stageList } from './intents/stage-list.ts';
import { support } from './intents/support.ts';
import { team } from './intents/team.ts';
import type { Query } from './query.ts';

/** stdout belongs to the CLI and the console adapter; a bug report goes to stderr. */
function reportToStderr(error: unknown, query: Query): void {
  process.stderr.write(`engine: could not answer a ${query.kind} question: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
}

function dispatch(query: Query, index: EngineIndex, now: Date): Answer {
  switch (query.kind) {
    case 'release-summary':
      return releaseSummary(query, index, now);
    case 'stage-list':
      return stageList(query, index, now);
    case 'kep':
      return kepLookup(query, index, now);
    case 'history':
      return history(query, index, now);
    case 'schedule':
      return schedule(query, index, now);
    case 'team':
      return team(query, index, now);
    case 'support':
      return support(query, index, now);
    case 'deprecations':
      return deprecations(query, index, now);
    case 'sig':
      return sigView(query, index, now);
    case 'compare':
      return compare(query, index, now);
    case 'help':
      return help(query, index);
    case 'search':
      return search(query, index, now);
  }
}

/**
 * A Query and the dataset in, an Answer out. Never throws: an unexpected failure becomes an
 * apologetic answer rather than a crashed chat handler. `index` is built once per dataset.
 */
export function execute(
  query: Query,
  dataset: Dataset,
  now: Date,
  index: EngineIndex = buildIndex(dataset),
  onError: (error: unknown, query: Query) => void = reportToStderr,
): Answer {
  try {
    const answer = dispatch(query, index, now);
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
