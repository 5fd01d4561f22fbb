import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { Health } from '../../../src/health.ts';
import { silentLogger } from '../../../src/log.ts';
import { startSlack, type RunningSlackAdapter } from '../../../adapters/slack/index.ts';
import { limitViolations } from './helpers/block-limits.ts';
import { FakeBot } from './helpers/fake-bot.ts';
import { eventEnvelope } from './helpers/signed-request.ts';
import { StubSocketMode } from './helpers/socket-mode-server.ts';
import { BOT_USER_ID, StubSlack, waitFor } from './helpers/stub-slack.ts';

describe('Slack Socket Mode (SLACK_APP_TOKEN set)', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('connects with the app token, answers a slash command in the ack and a mention in a thread, once', async () => {
    const stub = await new StubSlack().start();
    cleanups.push(() => stub.close());
    const socket = await StubSocketMode.start();
    cleanups.push(() => socket.close());
    stub.on('apps.connections.open', () => ({ body: { ok: true, url: socket.url } }));

    // The app's own health server owns PORT in Socket Mode; the adapter must not try to bind it too.
    const portOwner = createServer((_request, response) => response.end('owner'));
    await new Promise<void>((resolve) => portOwner.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => portOwner.close(() => resolve())));
    const port = String((portOwner.address() as AddressInfo).port);

    const bot = new FakeBot();
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_APP_TOKEN: 'xapp-1-test',
      SLACK_API_URL: stub.apiUrl,
      PORT: port,
    });
    const adapter: RunningSlackAdapter = await startSlack({
      config,
      bot,
      logger: silentLogger,
      health: new Health().view,
    });
    cleanups.push(() => adapter.stop());
    expect(adapter.mode).toBe('socket');
    expect(adapter.port).toBeNull();
    expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).text()).toBe('owner');
    expect(adapter.platform).toBe('slack');
    expect(stub.callsTo('apps.connections.open')[0]!.authorization).toBe('Bearer xapp-1-test');

    const ws = socket.connection()!;
    ws.send(
      JSON.stringify({
        envelope_id: 'env-command',
        type: 'slash_commands',
        accepts_response_payload: true,
        payload: {
          command: '/k8s-release',
          text: '1.31',
          team_id: 'T0TEST01',
          channel_id: 'C0CHANNEL1',
          user_id: 'U0ASKER01',
          response_url: stub.responseUrl('unused'),
          api_app_id: 'A0APP0001',
        },
      }),
    );
    const ack = await waitFor(
      () => socket.received.find((m) => m.envelope_id === 'env-command'),
      'the slash command ack',
    );
    const reply = ack.payload as { response_type: string; text: string; blocks: unknown[] };
    expect(reply.response_type).toBe('ephemeral');
    expect(limitViolations(reply)).toEqual([]);

    const event = eventEnvelope(
      {
        type: 'app_mention',
        user: 'U0ASKER01',
        text: `<@${BOT_USER_ID}> 1.31`,
        ts: '1700000009.000100',
        channel: 'C0CHANNEL1',
      },
      'Ev0SOCKET01',
    );
    ws.send(
      JSON.stringify({
        envelope_id: 'env-event',
        type: 'events_api',
        accepts_response_payload: false,
        retry_attempt: 0,
        retry_reason: '',
        payload: event,
      }),
    );
    const post = await waitFor(() => stub.callsTo('chat.postMessage')[0], 'chat.postMessage');
    expect(post.params).toMatchObject({ channel: 'C0CHANNEL1', thread_ts: '1700000009.000100' });
    expect(socket.received.some((m) => m.envelope_id === 'env-event')).toBe(true);

    ws.send(
      JSON.stringify({
        envelope_id: 'env-event-2',
        type: 'events_api',
        accepts_response_payload: false,
        retry_attempt: 1,
        retry_reason: 'timeout',
        payload: event,
      }),
    );
    // Envelopes are processed in order, so once the later sentinel is answered the retry has been dealt with.
    const sentinel = eventEnvelope({
      type: 'app_mention',
      user: 'U0ASKER01',
      text: `<@${BOT_USER_ID}> sentinel`,
      ts: '1700000009.000200',
      channel: 'C0CHANNEL1',
    });
    ws.send(
      JSON.stringify({
        envelope_id: 'env-event-3',
        type: 'events_api',
        accepts_response_payload: false,
        retry_attempt: 0,
        retry_reason: '',
        payload: sentinel,
      }),
    );
    await waitFor(() => stub.callsTo('chat.postMessage')[1], 'the sentinel answer');
    await adapter.stop();
    expect(socket.received.some((m) => m.envelope_id === 'env-event-2')).toBe(true);
    expect(stub.callsTo('chat.postMessage').map((call) => call.params.thread_ts)).toEqual([
      '1700000009.000100',
      '1700000009.000200',
    ]);
    expect(bot.asked.map((a) => a.question)).toEqual(['1.31', '1.31', 'sentinel']);
  });
});
