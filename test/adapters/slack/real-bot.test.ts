import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../../../src/bot.ts';
import { loadDataset } from '../../../src/data/load.ts';
import { answerToBlocks } from '../../../adapters/slack/render/answer-blocks.ts';
import { slashReply } from '../../../adapters/slack/render/slash-reply.ts';
import { encodeShareValue } from '../../../adapters/slack/share-value.ts';
import { limitViolations } from './helpers/block-limits.ts';
import { startHttpApp, type RunningApp } from './helpers/running-app.ts';
import { eventEnvelope, postSigned, slashCommandBody } from './helpers/signed-request.ts';
import { BOT_USER_ID, waitFor } from './helpers/stub-slack.ts';

/** End to end: the real Bot and engine over the bundled dataset, behind the real Bolt receiver. */
const bot = new Bot(loadDataset(), { clock: () => new Date('2025-11-20T12:00:00Z') });
const textOf = (message: { text?: string; blocks?: unknown[] }): string =>
  `${message.text ?? ''}\n${JSON.stringify(message.blocks ?? [])}`;

describe('Slack adapter with the real Bot over the bundled dataset', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startHttpApp(bot);
  });
  afterAll(() => running.close());

  it('/k8s-release 1.31 → the 1.31 “Elli” release summary as Block Kit', async () => {
    const response = await postSigned(running.eventsUrl, slashCommandBody('1.31'), 'application/x-www-form-urlencoded');
    expect(response.status).toBe(200);
    const reply = (await response.json()) as { response_type: string; text: string; blocks: { type: string }[] };
    expect(reply.response_type).toBe('ephemeral');
    expect(limitViolations(reply)).toEqual([]);
    expect(textOf(reply)).toContain('Elli');
    expect(textOf(reply)).toContain('1.31');
    expect(reply.blocks[0]!.type).toBe('header');
    expect(reply.blocks.at(-1)!.type).toBe('actions');
  });

  it('/k8s-release help → a help answer inside the limits', async () => {
    const response = await postSigned(running.eventsUrl, slashCommandBody('help'), 'application/x-www-form-urlencoded');
    const reply = (await response.json()) as { text: string; blocks: unknown[] };
    expect(limitViolations(reply)).toEqual([]);
    expect(textOf(reply)).toMatch(/1\.\d\d/);
  });

  it('@bot what went GA in 1.31 → KEPs in a thread of the mention', async () => {
    const stub = running.stub;
    await postSigned(
      running.eventsUrl,
      JSON.stringify(
        eventEnvelope({
          type: 'app_mention',
          user: 'U0ASKER01',
          text: `<@${BOT_USER_ID}> what went GA in 1.31`,
          ts: '1700000100.000100',
          channel: 'C0CHANNEL1',
        }),
      ),
      'application/json',
    );
    const post = await waitFor(
      () => stub.callsTo('chat.postMessage').find((call) => call.params.thread_ts === '1700000100.000100'),
      'the threaded answer',
    );
    const message = { text: post.params.text as string, blocks: post.params.blocks as unknown[] };
    expect(limitViolations(message)).toEqual([]);
    expect(textOf(message)).toContain('1.31');
    expect(textOf(message)).toMatch(/\|KEP-\d+>/);
  });

  const questions = [
    '1.31',
    'help',
    'what went GA in 1.31',
    'what is alpha in 1.31',
    'what went beta in 1.30',
    'sig-node keps',
    'sig node',
    'sig api-machinery',
    'kep 3836',
    'history of kep 2400',
    'schedule 1.35',
    'when is code freeze',
    'release team 1.31',
    'supported versions',
    'deprecations',
    'removed apis in 1.25',
    'compare 1.30 and 1.31',
    'swap',
    'storage',
    'subscribe weekly',
    '<!channel> @here what about <@U123> & <script>',
    'x'.repeat(1500),
    '',
  ];

  it.each(
    questions.map((question) => [question.slice(0, 40)] as const).map(([label], i) => [label, questions[i]!] as const),
  )('the real answer to %j stays inside the limits, as a message and as a slash reply', async (_label, question) => {
    const answer = await bot.handle(question || 'help');
    expect(limitViolations(answerToBlocks(answer))).toEqual([]);
    expect(limitViolations(slashReply(answer, encodeShareValue(question || 'help', bot.now())))).toEqual([]);
  });
});
