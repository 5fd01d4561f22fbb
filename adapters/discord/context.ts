import type { Bot } from '../../src/bot.ts';
import type { Logger } from '../../src/log.ts';
import type { WorkTracker } from '../../src/work-tracker.ts';
import type { AutocompleteIndex } from './autocomplete/index.ts';

/** What every command and event handler receives. */
export interface DiscordContext {
  bot: Bot;
  logger: Logger;
  /** Handlers still running; closed at shutdown, so no new event is taken. */
  work: WorkTracker;
  autocomplete: AutocompleteIndex;
}
