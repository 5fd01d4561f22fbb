import readline from 'node:readline';
import type { Answer } from '../../src/domain/answer.ts';
import type { Logger } from '../../src/log.ts';
import type { BotPort, Conversation } from '../../src/port.ts';
import type { RunningAdapter } from '../running-adapter.ts';
import { CONSOLE_CHANNEL } from './channel.ts';
import { formatAnswer, formatBanner, formatEcho, PROMPT } from './format.ts';
import { HISTORY_SIZE, loadHistory, saveHistory } from './history.ts';
import { parseConsoleInput } from './input.ts';
import { createConsolePoster } from './poster.ts';

export { CONSOLE_CHANNEL } from './channel.ts';

/** The part of the bot's port the console needs; it always asks as its own channel. */
export type ConsoleBot = Pick<BotPort, 'catalogue'> & {
  handle(text: string, conversation: Conversation): Promise<Answer>;
};

export interface StartConsoleOptions {
  bot: ConsoleBot;
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream & { isTTY?: boolean };
  logger: Logger;
  /** A terminal session with a prompt and line editing; by default when both streams are TTYs. */
  interactive?: boolean;
  /** Where interactive sessions keep their question history between runs. */
  historyFile?: string | null;
}

export interface RunningConsoleAdapter extends RunningAdapter {
  platform: 'console';
  interactive: boolean;
  /** Resolves when input ends (end of piped input, `exit`, Ctrl-D or Ctrl-C) and the last answer is printed. */
  finished: Promise<void>;
}

/**
 * The terminal chat: one question per line, answered in order. Interactive sessions get a prompt,
 * history and a banner; piped input is answered one line at a time, each answer after an echo of its question.
 */
export async function startConsole(options: StartConsoleOptions): Promise<RunningConsoleAdapter> {
  const { bot, input, output, logger } = options;
  const interactive = options.interactive ?? Boolean(input.isTTY && output.isTTY);
  const historyFile = interactive ? (options.historyFile ?? null) : null;
  let history: string[] = historyFile ? loadHistory(historyFile) : [];

  const lines = readline.createInterface({
    input,
    ...(interactive
      ? { output, terminal: true, prompt: PROMPT, history, historySize: HISTORY_SIZE, removeHistoryDuplicates: true }
      : { terminal: false }),
  });
  lines.on('history', (latest: string[]) => {
    history = latest;
  });
  lines.on('SIGINT', () => lines.close());
  output.on('error', (error: NodeJS.ErrnoException) => {
    // A closed pipe (`npm start | head`) ends the session instead of crashing it.
    logger.debug({ code: error.code }, 'console output closed');
    lines.close();
  });

  let waitingForInput = false;
  /** Prints above the prompt so a digest arriving mid-typing does not garble the line being edited. */
  const print = (text: string): void => {
    if (interactive && waitingForInput) {
      readline.clearLine(output, 0);
      readline.cursorTo(output, 0);
      output.write(text);
      lines.prompt(true);
    } else {
      output.write(text);
    }
  };
  const promptForInput = (): void => {
    if (!interactive) return;
    waitingForInput = true;
    lines.prompt();
  };

  async function answer(question: string): Promise<string> {
    try {
      return formatAnswer(await bot.handle(question, { channel: CONSOLE_CHANNEL, userId: 'local' }));
    } catch (error) {
      logger.error({ err: error }, 'console question failed');
      return 'Sorry, something went wrong answering that. Try rephrasing, or type "help".\n';
    }
  }

  if (interactive) output.write(formatBanner(bot.catalogue().dataDate));
  const finished = (async () => {
    promptForInput();
    for await (const line of lines) {
      waitingForInput = false;
      const typed = parseConsoleInput(line);
      if (typed.kind === 'exit') break;
      if (typed.kind === 'question') {
        if (!interactive) output.write(formatEcho(typed.text));
        output.write(`${await answer(typed.text)}\n`);
      }
      promptForInput();
    }
  })()
    .catch((error: unknown) => logger.error({ err: error }, 'console input failed'))
    .finally(() => {
      lines.close();
      if (interactive && waitingForInput) output.write('\n'); // Ctrl-D/Ctrl-C leave the cursor after the prompt
      waitingForInput = false;
      if (historyFile) {
        try {
          saveHistory(historyFile, history);
        } catch (error) {
          logger.warn({ err: error, file: historyFile }, 'could not save the console history');
        }
      }
    });

  logger.info({ adapter: 'console', interactive }, 'console adapter started');
  return {
    platform: 'console',
    interactive,
    poster: createConsolePoster(print),
    finished,
    async stop() {
      lines.close();
      await finished;
    },
  };
}
