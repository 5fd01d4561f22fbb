import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LogLevel, webApi } from '@slack/bolt';
import { PermanentPostError } from '../../../src/digest/poster.ts';
import { createSlackPoster } from '../../../adapters/slack/poster.ts';
import { sampleAnswer } from './helpers/answers.ts';
import { limitViolations } from './helpers/block-limits.ts';
import { StubSlack } from './helpers/stub-slack.ts';

const channel = { platform: 'slack' as const, workspace: 'T0TEST01', channel: 'C0DIGEST1' };

describe('Slack digest poster', () => {
  let stub: StubSlack;
  let poster: ReturnType<typeof createSlackPoster>;

  beforeEach(async () => {
    stub = await new StubSlack().start();
    const webClient = new webApi.WebClient('xoxb-test', { slackApiUrl: stub.apiUrl, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
    poster = createSlackPoster(webClient);
  });
  afterEach(() => stub.close());

  it('posts the digest as Block Kit with fallback text to the channel', async () => {
    await poster.post(channel, sampleAnswer('digest'));
    const [call] = stub.callsTo('chat.postMessage');
    expect(call!.params.channel).toBe('C0DIGEST1');
    expect(call!.authorization).toBe('Bearer xoxb-test');
    expect(limitViolations({ text: call!.params.text as string, blocks: call!.params.blocks as unknown[] })).toEqual([]);
  });

  it.each(['channel_not_found', 'not_in_channel', 'is_archived', 'account_inactive', 'missing_scope'])('treats %s as permanent', async (error) => {
    stub.on('chat.postMessage', () => ({ body: { ok: false, error } }));
    const failure = await poster.post(channel, sampleAnswer('digest')).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PermanentPostError);
    expect((failure as PermanentPostError).reason).toBe(error);
    expect((failure as PermanentPostError).message).toContain('C0DIGEST1');
  });

  it('treats other failures as transient', async () => {
    stub.on('chat.postMessage', () => ({ body: { ok: false, error: 'internal_error' } }));
    const platform = await poster.post(channel, sampleAnswer('digest')).catch((e: unknown) => e);
    expect(platform).toBeInstanceOf(Error);
    expect(platform).not.toBeInstanceOf(PermanentPostError);

    stub.on('chat.postMessage', () => ({ status: 503, body: { ok: false } }));
    const http = await poster.post(channel, sampleAnswer('digest')).catch((e: unknown) => e);
    expect(http).toBeInstanceOf(Error);
    expect(http).not.toBeInstanceOf(PermanentPostError);
  });
});
