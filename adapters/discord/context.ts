import type { Logger } from '../../src/log.ts';
import type { BotPort } from '../../src/port.ts';
import type { WorkTracker } from '../../src/work-tracker.ts';
import type { AutocompleteIndex } from './autocomplete/index.ts';

/** What every command and event handler receives. */
export interface DiscordContext {
  bot: BotPort;
  logger: Logger;
  /** Handlers still running; closed at shutdown, so no new event is taken. */
  work: WorkTracker;
  /** The candidates for the current data, rebuilt only after the data changed. */
  autocomplete(): AutocompleteIndex;
}
