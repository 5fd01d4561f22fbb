import { afterEach, describe, expect, it } from 'vitest';
import { SHARE_ACTION_ID } from '../../../adapters/slack/ids.ts';
import { decodeShareValue } from '../../../adapters/slack/share-value.ts';
import { sampleAnswer } from './helpers/answers.ts';
import { limitViolations } from './helpers/block-limits.ts';
import { FakeBot, gate } from './helpers/fake-bot.ts';
import { startHttpApp, type RunningApp } from './helpers/running-app.ts';
import { postSigned, slashCommandBody } from './helpers/signed-request.ts';
import { waitFor } from './helpers/stub-slack.ts';

const FORM = 'application/x-www-form-urlencoded';

interface SlashResponse {
  response_type: string;
  text: string;
  blocks: { type: string; text?: { text: string }; elements?: { action_id: string; value: string }[] }[];
}

describe('Slack HTTP mode: slash command through the real Bolt receiver', () => {
  let running: RunningApp | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it('answers a signed /k8s-release 1.31 in the ack with an ephemeral Block Kit reply and a Share button', async () => {
    const bot = new FakeBot();
    running = await startHttpApp(bot);
    const response = await postSigned(running.eventsUrl, slashCommandBody('1.31'), FORM);
    expect(response.status).toBe(200);
    const reply = (await response.json()) as SlashResponse;
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Kubernetes 1.31 “Elli”' } });
    expect(reply.text).toContain('Kubernetes 1.31');
    expect(limitViolations(reply)).toEqual([]);
    expect(bot.asked).toEqual([
      {
        question: '1.31',
        conversation: {
          channel: { platform: 'slack', workspace: 'T0TEST01', channel: 'C0CHANNEL1' },
          userId: 'U0ASKER01',
          now: bot.clock,
        },
      },
    ]);
    const button = reply.blocks.at(-1)!.elements![0]!;
    expect(button.action_id).toBe(SHARE_ACTION_ID);
    expect(decodeShareValue(button.value)).toEqual({ question: '1.31', now: bot.clock });
  });

  it('answers /k8s-release before the later middleware and listener chains, and passes other commands on', async () => {
    const bot = new FakeBot();
    running = await startHttpApp(bot);
    const seen: string[] = [];
    running.slack.app.use(async (args) => {
      const { command } = args.body as { command?: string };
      seen.push(command ?? 'no command');
      if (command === '/another-command' && 'ack' in args && args.ack) await args.ack();
      await args.next();
    });
    const answered = await postSigned(running.eventsUrl, slashCommandBody('1.31'), FORM);
    expect(answered.status).toBe(200);
    expect(((await answered.json()) as SlashResponse).blocks[0]).toMatchObject({ type: 'header' });
    const other = await postSigned(running.eventsUrl, slashCommandBody('1.31', { command: '/another-command' }), FORM);
    expect(other.status).toBe(200);
    expect(seen).toEqual(['/another-command']);
    expect(bot.asked).toHaveLength(1);
  });

  it('treats an empty command as help and decodes Slack entities in the text', async () => {
    const bot = new FakeBot();
    running = await startHttpApp(bot);
    await postSigned(running.eventsUrl, slashCommandBody(''), FORM);
    await postSigned(running.eventsUrl, slashCommandBody('alpha &amp; beta in 1.31'), FORM);
    expect(bot.asked.map((a) => a.question)).toEqual(['help', 'alpha & beta in 1.31']);
  });

  it('rejects a bad signature with 401 and never asks the bot', async () => {
    const bot = new FakeBot();
    running = await startHttpApp(bot);
    const response = await postSigned(running.eventsUrl, slashCommandBody('1.31'), FORM, {
      signature: `v0=${'0'.repeat(64)}`,
    });
    expect(response.status).toBe(401);
    expect(await response.text()).toBe('');
    const wrongSecret = await postSigned(running.eventsUrl, slashCommandBody('1.31'), FORM, {
      secret: 'another-secret',
    });
    expect(wrongSecret.status).toBe(401);
    expect(bot.asked).toEqual([]);
  });

  it('rejects a correctly signed request older than 5 minutes with 401 and never asks the bot', async () => {
    const bot = new FakeBot();
    running = await startHttpApp(bot);
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const response = await postSigned(running.eventsUrl, slashCommandBody('1.31'), FORM, { timestamp: sixMinutesAgo });
    expect(response.status).toBe(401);
    expect(bot.asked).toEqual([]);
  });

  it('offers no Share button for subscription changes (sharing would repeat them)', async () => {
    const bot = new FakeBot(() => sampleAnswer('subscription'));
    running = await startHttpApp(bot);
    const reply = (await (
      await postSigned(running.eventsUrl, slashCommandBody('subscribe weekly'), FORM)
    ).json()) as SlashResponse;
    expect(bot.asked[0]!.question).toBe('subscribe weekly');
    expect(reply.blocks.some((block) => block.type === 'actions')).toBe(false);
  });

  it('acks at once and answers through response_url when the bot is slower than the ack deadline', async () => {
    const slow = gate();
    const bot = new FakeBot(async () => {
      await slow.wait;
      return sampleAnswer('schedule');
    });
    running = await startHttpApp(bot, { ackDeadlineMs: 20 });
    const stub = running.stub;
    const response = await postSigned(
      running.eventsUrl,
      slashCommandBody('schedule 1.35', { response_url: stub.responseUrl('slow') }),
      FORM,
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    expect(stub.responses).toEqual([]);
    slow.open();
    const late = await waitForResponse(running, 'slow');
    expect(late.response_type).toBe('ephemeral');
    expect((late.blocks as { type: string }[])[0]!.type).toBe('header');
  });

  it('tells the user when answering failed instead of leaving the command hanging', async () => {
    const bot = new FakeBot(() => {
      throw new Error('database is locked');
    });
    running = await startHttpApp(bot);
    const response = await postSigned(running.eventsUrl, slashCommandBody('subscribe weekly'), FORM);
    const reply = (await response.json()) as { response_type: string; text: string };
    expect(response.status).toBe(200);
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toContain('something went wrong');
    expect(reply.text).not.toContain('database is locked');
  });

  it('serves /healthz and /readyz from the same receiver', async () => {
    running = await startHttpApp(new FakeBot());
    expect((await fetch(`${running.baseUrl}/healthz`)).status).toBe(200);
    const notReady = await fetch(`${running.baseUrl}/readyz`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({ status: 'starting' });
    running.health.markRunning();
    expect((await fetch(`${running.baseUrl}/readyz`)).status).toBe(200);
    expect((await fetch(`${running.baseUrl}/nope`)).status).toBe(404);
  });

  it('verifies the bot token at start (auth.test) against SLACK_API_URL', async () => {
    running = await startHttpApp(new FakeBot());
    const [authTest] = running.stub.callsTo('auth.test');
    expect(authTest?.authorization).toBe('Bearer xoxb-test-token');
  });
});

function waitForResponse(running: RunningApp, id: string): Promise<Record<string, unknown>> {
  return waitFor(() => running.stub.responses.find((r) => r.id === id)?.body, `a POST to response_url ${id}`);
}
