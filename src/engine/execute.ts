import type { Answer } from '../domain/answer.ts';
import type { EngineIndex } from './context.ts';
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
import type { Query, QueryKind } from './query.ts';

type Intent<K extends QueryKind> = (query: Extract<Query, { kind: K }>, index: EngineIndex, now: Date) => Answer;

/** The intent that answers each kind of query; the mapped type makes the table complete and each entry take its own kind. */
const INTENTS: { [K in QueryKind]: Intent<K> } = {
  'release-summary': releaseSummary,
  'stage-list': stageList,
  kep: kepLookup,
  history,
  schedule,
  team,
  support,
  deprecations,
  sig: sigView,
  compare,
  help,
  search,
};

function dispatch(query: Query, index: EngineIndex, now: Date): Answer {
  // TypeScript cannot correlate `INTENTS[query.kind]` with `query`; the table's type above guarantees it.
  return (INTENTS[query.kind] as (query: Query, index: EngineIndex, now: Date) => Answer)(query, index, now);
}

/** stdout belongs to the CLI and the console adapter; a bug report goes to stderr. */
function reportToStderr(error: unknown, query: Query): void {
  process.stderr.write(`engine: could not answer a ${query.kind} question: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
}

/**
 * A Query in, an Answer out. Never throws: an unexpected failure becomes an apologetic answer
 * rather than a crashed chat handler. `index` is built once per dataset (see buildIndex).
 */
export function execute(query: Query, index: EngineIndex, now: Date, onError: (error: unknown, query: Query) => void = reportToStderr): Answer {
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
