import type { Bot } from '../../src/bot.ts';
import type { Logger } from '../../src/log.ts';
import type { AutocompleteIndex } from './autocomplete/index.ts';

/** What every command and event handler receives. */
export interface DiscordContext {
  bot: Bot;
  logger: Logger;
  work: InFlightWork;
  autocomplete: AutocompleteIndex;
}

/** Tracks handlers still running so a shutdown can let them finish their replies. */
export class InFlightWork {
  private readonly running = new Set<Promise<unknown>>();
  private closed = false;

  get accepting(): boolean {
    return !this.closed;
  }

  /** Runs `task` unless shutting down; errors are the task's own business (handlers catch and log). */
  run(task: () => Promise<unknown>): void {
    if (this.closed) return;
    const promise = task().finally(() => this.running.delete(promise));
    this.running.add(promise);
  }

  /** Stops taking work and waits for what is running. */
  async drain(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.running]);
  }
}
