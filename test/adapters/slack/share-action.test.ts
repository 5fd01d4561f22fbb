import { afterEach, describe, expect, it } from 'vitest';
import { SHARE_ACTION_ID } from '../../../adapters/slack/ids.ts';
import { encodeShareValue } from '../../../adapters/slack/share-value.ts';
import { sampleAnswer } from './helpers/answers.ts';
import { limitViolations } from './helpers/block-limits.ts';
import { FakeBot, gate } from './helpers/fake-bot.ts';
import { startHttpApp, type RunningApp } from './helpers/running-app.ts';
import { blockActionBody, postSigned } from './helpers/signed-request.ts';
import { waitFor } from './helpers/stub-slack.ts';

const FORM = 'application/x-www-form-urlencoded';

function shareClick(value: string, responseUrl: string): string {
  return blockActionBody({
    type: 'block_actions',
    team: { id: 'T0TEST01', domain: 'test' },
    user: { id: 'U0SHARER1', username: 'sharer', team_id: 'T0TEST01' },
    api_app_id: 'A0APP0001',
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: '1700000000.000900', channel_id: 'C0CHANNEL1', is_ephemeral: true },
    trigger_id: '1.2.3',
    channel: { id: 'C0CHANNEL1', name: 'releases' },
    response_url: responseUrl,
    actions: [
      {
        type: 'button',
        action_id: SHARE_ACTION_ID,
        block_id: 'b1',
        text: { type: 'plain_text', text: 'Share in channel' },
        value,
        action_ts: '1700000001.000000',
      },
    ],
  });
}

describe('Slack HTTP mode: the Share in channel button', () => {
  let running: RunningApp | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it('re-asks the question at its original moment and posts the answer in_channel, then removes the ephemeral copy', async () => {
    const bot = new FakeBot();
    running = await startHttpApp(bot);
    const stub = running.stub;
    const askedAt = new Date('2025-11-19T08:00:00.000Z');
    const response = await postSigned(
      running.eventsUrl,
      shareClick(encodeShareValue('1.31', askedAt)!, stub.responseUrl('share')),
      FORM,
    );
    expect(response.status).toBe(200);
    await waitFor(() => stub.responses.length === 2, 'two posts to response_url');
    const [shared, cleanup] = stub.responses.map((r) => r.body);
    expect(shared).toMatchObject({ response_type: 'in_channel', replace_original: false });
    expect(limitViolations(shared as { text: string; blocks: unknown[] })).toEqual([]);
    expect((shared!.blocks as { type: string }[]).some((block) => block.type === 'actions')).toBe(false);
    expect(cleanup).toEqual({ delete_original: true });
    expect(bot.asked).toEqual([
      {
        question: '1.31',
        conversation: {
          channel: { platform: 'slack', workspace: 'T0TEST01', channel: 'C0CHANNEL1' },
          userId: 'U0SHARER1',
          now: askedAt,
        },
      },
    ]);
  });

  it('a double click re-asks once and shares once', async () => {
    const held = gate();
    const bot = new FakeBot(async () => {
      await held.wait;
      return sampleAnswer('release-summary');
    });
    running = await startHttpApp(bot);
    const stub = running.stub;
    const value = encodeShareValue('1.31', new Date('2025-11-19T08:00:00.000Z'))!;
    await postSigned(running.eventsUrl, shareClick(value, stub.responseUrl('first')), FORM);
    await postSigned(running.eventsUrl, shareClick(value, stub.responseUrl('second')), FORM);
    held.open();
    await waitFor(() => stub.responses.length === 2, 'the share and the cleanup');
    await running.slack.inFlight.drain();
    expect(bot.asked).toHaveLength(1);
    expect(stub.responses.map((r) => [r.id, r.body.response_type ?? 'delete'])).toEqual([
      ['first', 'in_channel'],
      ['first', 'delete'],
    ]);
  });

  it('says privately that sharing failed, keeping the original and its button', async () => {
    const bot = new FakeBot(() => {
      throw new Error('database is locked');
    });
    running = await startHttpApp(bot);
    const stub = running.stub;
    await postSigned(
      running.eventsUrl,
      shareClick(encodeShareValue('1.31', new Date())!, stub.responseUrl('failed')),
      FORM,
    );
    const reply = await waitFor(() => stub.responses[0]?.body, 'a reply');
    await running.slack.inFlight.drain();
    expect(reply).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(reply.text).toContain('something went wrong');
    expect(reply.text).not.toContain('database is locked');
    expect(stub.responses).toHaveLength(1);
  });

  it('explains, privately, when a button value cannot be used', async () => {
    const bot = new FakeBot();
    running = await startHttpApp(bot);
    const stub = running.stub;
    await postSigned(running.eventsUrl, shareClick('{"tampered":true}', stub.responseUrl('bad')), FORM);
    const reply = await waitFor(() => stub.responses[0]?.body, 'a reply');
    expect(reply).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(reply.text).toContain('can no longer be used');
    expect(bot.asked).toEqual([]);
  });
});
