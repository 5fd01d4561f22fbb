import { describe, expect, it } from 'vitest';
import { Bot, type SubscriptionCommands } from '../src/bot.ts';
import { loadDataset } from '../src/data/load.ts';
import { createEngine, type Engine } from '../src/engine/index.ts';
import type { Snapshot } from '../src/live/snapshot.ts';

const dataset = loadDataset();
const NOW = new Date('2026-09-01T12:00:00Z');
const engine = createEngine(dataset);

/** The real engine, with a record of what it was asked, in order. */
function recordingSnapshot(calls: string[]): { current: () => Snapshot } {
  const recording: Engine = {
    ...engine,
    understand: (text, now) => {
      calls.push(`understand: ${text}`);
      return engine.understand(text, now);
    },
    ask: (query, now) => {
      calls.push(`answer: ${query.kind}`);
      return engine.ask(query, now);
    },
  };
  const snapshot: Snapshot = { dataset, engine: recording, origin: 'test', loadedAt: NOW };
  return { current: () => snapshot };
}

describe('Bot.handle', () => {
  it('reads the questions of one turn back to back, then answers them back to back, each as asked alone', async () => {
    const calls: string[] = [];
    const bot = new Bot(recordingSnapshot(calls), { clock: () => NOW });
    const questions = ['what went GA in 1.31', 'when is code freeze for 1.35', 'who led 1.30'];
    const answers = await Promise.all(questions.map((question) => bot.handle(question)));
    expect(calls).toEqual([
      ...questions.map((question) => `understand: ${question}`),
      'answer: stage-list',
      'answer: schedule',
      'answer: team',
    ]);
    expect(answers).toEqual(questions.map((question) => engine.answer(question, NOW)));
  });

  it('answers a question asked in a later turn in a batch of its own', async () => {
    const calls: string[] = [];
    const bot = new Bot(recordingSnapshot(calls), { clock: () => NOW });
    const first = await bot.handle('what went GA in 1.31');
    const second = await bot.handle('what went GA in 1.31');
    expect(calls).toEqual([
      'understand: what went GA in 1.31',
      'answer: stage-list',
      'understand: what went GA in 1.31',
      'answer: stage-list',
    ]);
    expect(second).toEqual(first);
  });

  it('hands a subscription command of the same turn to the digest feature, not to the engine’s answer', async () => {
    const calls: string[] = [];
    const handled: string[] = [];
    const subscriptions: SubscriptionCommands = {
      handle: async (command, args) => {
        handled.push(`${command} ${args}`);
        return engine.notice(`${command} saved`, NOW);
      },
    };
    const bot = new Bot(recordingSnapshot(calls), { clock: () => NOW, subscriptions });
    const channel = { platform: 'slack' as const, workspace: 'T1', channel: 'C1' };
    const [subscribed, answered] = await Promise.all([
      bot.handle('subscribe weekly', { channel }),
      bot.handle('what went GA in 1.31', { channel }),
    ]);
    expect(handled).toEqual(['subscribe weekly']);
    expect(subscribed.summary).toBe('subscribe saved');
    expect(answered).toEqual(engine.answer('what went GA in 1.31', NOW));
    expect(calls).toEqual(['understand: subscribe weekly', 'understand: what went GA in 1.31', 'answer: stage-list']);
  });
});
