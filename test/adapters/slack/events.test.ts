import { afterEach, describe, expect, it } from 'vitest';
import { sampleAnswer } from './helpers/answers.ts';
import { limitViolations } from './helpers/block-limits.ts';
import { FakeBot, gate } from './helpers/fake-bot.ts';
import { startHttpApp, type RunningApp } from './helpers/running-app.ts';
import { eventEnvelope, postSigned } from './helpers/signed-request.ts';
import { BOT_ID, BOT_USER_ID, waitFor } from './helpers/stub-slack.ts';

const JSON_TYPE = 'application/json';

const mention = (ts: string, text: string, extra: Record<string, unknown> = {}) => ({
  type: 'app_mention',
  user: 'U0ASKER01',
  text,
  ts,
  channel: 'C0CHANNEL1',
  event_ts: ts,
  ...extra,
});

const directMessage = (ts: string, text: string, extra: Record<string, unknown> = {}) => ({
  type: 'message',
  channel_type: 'im',
  channel: 'D0DIRECT01',
  user: 'U0ASKER01',
  text,
  ts,
  event_ts: ts,
  ...extra,
});

async function deliver(
  running: RunningApp,
  envelope: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<void> {
  const response = await postSigned(running.eventsUrl, JSON.stringify(envelope), JSON_TYPE, { headers });
  expect(response.status).toBe(200);
}

describe('Slack HTTP mode: events through the real Bolt receiver', () => {
  let running: RunningApp | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it('answers an app_mention in a thread of that message via chat.postMessage, without the bot mention', async () => {
    const bot = new FakeBot();
    running = await startHttpApp(bot);
    await deliver(running, eventEnvelope(mention('1700000000.000100', `<@${BOT_USER_ID}> what went GA in 1.31?`)));
    const stub = running.stub;
    const post = await waitFor(() => stub.callsTo('chat.postMessage')[0], 'chat.postMessage');
    expect(post.params).toMatchObject({ channel: 'C0CHANNEL1', thread_ts: '1700000000.000100' });
    expect(post.authorization).toBe('Bearer xoxb-test-token');
    expect(limitViolations({ text: post.params.text as string, blocks: post.params.blocks as unknown[] })).toEqual([]);
    expect(bot.asked).toEqual([
      {
        question: 'what went GA in 1.31?',
        conversation: {
          channel: { platform: 'slack', workspace: 'T0TEST01', channel: 'C0CHANNEL1' },
          userId: 'U0ASKER01',
        },
      },
    ]);
  });

  it('answers a mention inside a thread in that same thread', async () => {
    running = await startHttpApp(new FakeBot());
    await deliver(
      running,
      eventEnvelope(mention('1700000000.000300', `<@${BOT_USER_ID}> 1.31`, { thread_ts: '1700000000.000001' })),
    );
    const stub = running.stub;
    const post = await waitFor(() => stub.callsTo('chat.postMessage')[0], 'chat.postMessage');
    expect(post.params.thread_ts).toBe('1700000000.000001');
  });

  it('does not answer a retried delivery of the same event twice', async () => {
    const bot = new FakeBot();
    running = await startHttpApp(bot);
    const stub = running.stub;
    const envelope = eventEnvelope(mention('1700000000.000200', `<@${BOT_USER_ID}> 1.31`), 'Ev0RETRY001');
    await deliver(running, envelope);
    await waitFor(() => stub.callsTo('chat.postMessage').length === 1, 'the first answer');
    await deliver(running, envelope, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    await deliver(running, envelope, { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_error' });
    await deliver(running, envelope);
    await waitFor(() => running!.slack.deliveries.dropped === 3, 'the repeats to be dropped');
    await running.slack.inFlight.drain();
    expect(stub.callsTo('chat.postMessage')).toHaveLength(1);
    expect(bot.asked).toHaveLength(1);
  });

  it('drops a timeout retry even when this process never saw the original (it reached us or a previous process)', async () => {
    const bot = new FakeBot();
    running = await startHttpApp(bot);
    await deliver(running, eventEnvelope(mention('1700000000.000400', `<@${BOT_USER_ID}> 1.31`)), {
      'x-slack-retry-num': '1',
      'x-slack-retry-reason': 'http_timeout',
    });
    await waitFor(() => running!.slack.deliveries.dropped === 1, 'the retry to be dropped');
    expect(bot.asked).toEqual([]);
  });

  it('answers a retry of an event that never reached us (connection failed)', async () => {
    const bot = new FakeBot();
    running = await startHttpApp(bot);
    const stub = running.stub;
    await deliver(running, eventEnvelope(mention('1700000000.000500', `<@${BOT_USER_ID}> 1.31`)), {
      'x-slack-retry-num': '1',
      'x-slack-retry-reason': 'connection_failed',
    });
    await waitFor(() => stub.callsTo('chat.postMessage')[0], 'chat.postMessage');
    expect(bot.asked).toHaveLength(1);
  });

  it('answers a direct message in the DM (not in a thread)', async () => {
    const bot = new FakeBot();
    running = await startHttpApp(bot);
    const stub = running.stub;
    await deliver(running, eventEnvelope(directMessage('1700000001.000100', 'kep 3836')));
    const post = await waitFor(() => stub.callsTo('chat.postMessage')[0], 'chat.postMessage');
    expect(post.params.channel).toBe('D0DIRECT01');
    expect(post.params.thread_ts).toBeUndefined();
    expect(bot.asked[0]!.question).toBe('kep 3836');
    expect(bot.asked[0]!.conversation.channel).toEqual({
      platform: 'slack',
      workspace: 'T0TEST01',
      channel: 'D0DIRECT01',
    });
  });

  it('ignores edits, bot messages, its own messages and non-DM messages', async () => {
    const bot = new FakeBot();
    running = await startHttpApp(bot);
    const stub = running.stub;
    await deliver(running, eventEnvelope(directMessage('1700000002.000100', 'edited', { subtype: 'message_changed' })));
    await deliver(
      running,
      eventEnvelope(
        directMessage('1700000002.000200', 'from another bot', { bot_id: 'B0OTHER01', subtype: 'bot_message' }),
      ),
    );
    await deliver(
      running,
      eventEnvelope(directMessage('1700000002.000300', 'my own answer', { user: BOT_USER_ID, bot_id: BOT_ID })),
    );
    await deliver(
      running,
      eventEnvelope(directMessage('1700000002.000400', 'chatter', { channel_type: 'channel', channel: 'C0CHANNEL1' })),
    );
    await deliver(running, eventEnvelope(directMessage('1700000002.000500', 'sentinel')));
    await waitFor(() => stub.callsTo('chat.postMessage')[0], 'the sentinel answer');
    await running.slack.inFlight.drain();
    expect(bot.asked.map((a) => a.question)).toEqual(['sentinel']);
  });

  it('answers one message once even when it arrives both as app_mention and message.im', async () => {
    const bot = new FakeBot();
    running = await startHttpApp(bot);
    await deliver(running, eventEnvelope(directMessage('1700000003.000100', `<@${BOT_USER_ID}> 1.31`)));
    await deliver(
      running,
      eventEnvelope(mention('1700000003.000100', `<@${BOT_USER_ID}> 1.31`, { channel: 'D0DIRECT01' })),
    );
    await waitFor(() => running!.slack.deliveries.dropped === 1, 'the second copy to be dropped');
    await running.slack.inFlight.drain();
    expect(bot.asked).toHaveLength(1);
    expect(bot.asked[0]!.question).toBe('1.31');
  });

  it('finishes a reply already in flight when stopped', async () => {
    const slow = gate();
    const bot = new FakeBot(async () => {
      await slow.wait;
      return sampleAnswer('kep');
    });
    running = await startHttpApp(bot);
    const stub = running.stub;
    await deliver(running, eventEnvelope(mention('1700000004.000100', `<@${BOT_USER_ID}> kep 3836`)));
    await waitFor(() => bot.asked.length === 1, 'the bot to be asked');
    const stopped = running.slack.stop();
    slow.open();
    await stopped;
    expect(stub.callsTo('chat.postMessage')).toHaveLength(1);
    await stub.close();
    running = undefined;
  });
});
