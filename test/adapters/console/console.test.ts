import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_CHANNEL, startConsole, type ConsoleBot } from '../../../adapters/console/index.ts';
import { Bot, type Conversation } from '../../../src/bot.ts';
import { loadDataset } from '../../../src/data/load.ts';
import type { Dataset } from '../../../src/domain/dataset.ts';
import { silentLogger } from '../../../src/log.ts';
import { renderText } from '../../../src/render/text.ts';
import { CapturedOutput, transcript, typedInput } from './streams.ts';

const NOW = new Date('2024-09-02T12:00:00Z');
let dataset: Dataset;
let bot: Bot;

beforeAll(() => {
  dataset = loadDataset();
  bot = new Bot(dataset, { clock: () => NOW });
});

/** Pipes `lines` into a non-interactive console and returns everything it printed once input ended. */
async function pipe(lines: string[], consoleBot: ConsoleBot = bot): Promise<string> {
  const input = typedInput();
  const output = new CapturedOutput();
  const running = await startConsole({ bot: consoleBot, input, output, logger: silentLogger });
  expect(running.interactive).toBe(false);
  input.end(lines.map((line) => `${line}\n`).join(''));
  await running.finished;
  return output.text;
}

describe('console adapter: piped questions', () => {
  it('answers each question in order, after an echo of it, with the plain-text rendering of the bot answer', async () => {
    const questions = ['what went GA in 1.31', 'who led 1.24', 'when is code freeze for 1.31'];
    const turns = transcript(await pipe(questions));
    expect(turns.map((turn) => turn.question)).toEqual(questions);
    for (const [index, question] of questions.entries()) {
      expect(turns[index]!.answer).toBe(
        renderText(await bot.handle(question, { channel: CONSOLE_CHANNEL, now: NOW })).trim(),
      );
    }
    expect(turns[0]!.answer).toContain('KEP-3836');
    expect(turns[1]!.answer).toContain('James Laverack');
    expect(turns[2]!.answer).toContain('2024-07-24');
  });

  it('strips a leading /k8s-release, skips blank lines, and `/k8s-release` alone is help', async () => {
    const turns = transcript(await pipe(['/k8s-release 1.31', '', '   ', '1.31', '/k8s-release']));
    expect(turns.map((turn) => turn.question)).toEqual(['1.31', '1.31', 'help']);
    expect(turns[0]!.answer).toBe(turns[1]!.answer);
    expect(turns[0]!.answer).toMatch(/Elli/);
    expect(turns[2]!.answer).toBe(renderText(await bot.handle('help', { now: NOW })).trim());
  });

  it('stops at `exit` and ignores what follows', async () => {
    const turns = transcript(await pipe(['1.31', 'exit', 'who led 1.24']));
    expect(turns.map((turn) => turn.question)).toEqual(['1.31']);
  });

  it('ends at the end of input even with no question at all', async () => {
    expect(await pipe([])).toBe('');
  });

  it('never echoes a mass mention back', async () => {
    const text = await pipe(['@everyone what went GA in 1.31 <!channel>']);
    expect(text).not.toMatch(/@everyone|<!channel>/);
    expect(text).toContain('KEP-3836');
  });

  it('asks the bot as the console channel, one question at a time', async () => {
    const seen: Conversation[] = [];
    let running = 0;
    let overlapped = false;
    const recording: ConsoleBot = {
      catalogue: () => bot.catalogue(),
      async handle(text, conversation) {
        overlapped ||= running > 0;
        running++;
        seen.push(conversation);
        await new Promise((resolve) => setImmediate(resolve));
        running--;
        return bot.handle(text, conversation);
      },
    };
    await pipe(['1.30', '1.31', '1.29'], recording);
    expect(overlapped).toBe(false);
    expect(seen.map((conversation) => conversation.channel)).toEqual([
      CONSOLE_CHANNEL,
      CONSOLE_CHANNEL,
      CONSOLE_CHANNEL,
    ]);
    expect(CONSOLE_CHANNEL).toEqual({ platform: 'console', workspace: 'local', channel: 'terminal' });
  });

  it('a failing answer is reported and the session goes on', async () => {
    const flaky: ConsoleBot = {
      catalogue: () => bot.catalogue(),
      async handle(text, conversation) {
        if (text === 'boom') throw new Error('kaput');
        return bot.handle(text, conversation);
      },
    };
    const turns = transcript(await pipe(['boom', '1.31'], flaky));
    expect(turns[0]!.answer).toMatch(/Sorry, something went wrong/);
    expect(turns[0]!.answer).not.toContain('kaput');
    expect(turns[1]!.answer).toMatch(/Elli/);
  });
});

describe('console adapter: interactive terminal', () => {
  it('shows a banner and the k8s> prompt, answers, and keeps history across sessions', async () => {
    const historyFile = path.join(mkdtempSync(path.join(tmpdir(), 'console-')), 'console_history');

    const input = typedInput({ isTTY: true });
    const output = new CapturedOutput({ isTTY: true });
    const first = await startConsole({ bot, input, output, logger: silentLogger, historyFile });
    expect(first.interactive).toBe(true);
    await output.waitFor('k8s> ');
    expect(output.text).toContain(`data as of ${dataset.manifest.dataDate}`);
    input.write('who led 1.24\r');
    await output.waitFor('James Laverack');
    await output.waitFor(/James Laverack[\s\S]*k8s> /);
    input.write('exit\r');
    await first.finished;
    expect(readFileSync(historyFile, 'utf8')).toBe('who led 1.24\nexit\n');

    // A new session: the up arrow brings back the last question (skipping "exit") and Enter asks it again.
    const input2 = typedInput({ isTTY: true });
    const output2 = new CapturedOutput({ isTTY: true });
    const second = await startConsole({ bot, input: input2, output: output2, logger: silentLogger, historyFile });
    await output2.waitFor('k8s> ');
    input2.write('\x1b[A\x1b[A\r');
    await output2.waitFor('James Laverack');
    await second.stop();
  });

  it('prints a digest above the prompt while waiting for input', async () => {
    const input = typedInput({ isTTY: true });
    const output = new CapturedOutput({ isTTY: true });
    const running = await startConsole({ bot, input, output, logger: silentLogger });
    await output.waitFor('k8s> ');
    input.write('who le');
    await output.waitFor('who le');
    const before = output.text.length;
    await running.poster.post(CONSOLE_CHANNEL, await bot.handle('1.31 schedule', { now: NOW }));
    const after = output.text.slice(before);
    expect(after).toMatch(/── scheduled digest ──/);
    // The prompt (and the line being typed) is redrawn below the digest; cursor escape codes removed.
    const plain = after.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
    expect(plain).toMatch(/──────────────────────\nk8s> who le$/);
    await running.stop();
  });
});

describe('console digest poster', () => {
  it('refuses channels other than its own terminal as a permanent failure', async () => {
    const running = await startConsole({
      bot,
      input: typedInput(),
      output: new CapturedOutput(),
      logger: silentLogger,
    });
    await expect(
      running.poster.post(
        { platform: 'console', workspace: 'local', channel: 'elsewhere' },
        await bot.handle('1.31', { now: NOW }),
      ),
    ).rejects.toMatchObject({
      name: 'PermanentPostError',
    });
    await running.stop();
  });
});
