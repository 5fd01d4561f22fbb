import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LogLevel, type Logger, type webApi } from '@slack/bolt';
import { PermanentPostError, PostTimeoutError } from '../../../src/digest/poster.ts';
import { createSlackPoster } from '../../../adapters/slack/poster.ts';
import { sampleAnswer } from './helpers/answers.ts';
import { limitViolations } from './helpers/block-limits.ts';
import { StubSlack, waitFor } from './helpers/stub-slack.ts';

const channel = { platform: 'slack' as const, workspace: 'T0TEST01', channel: 'C0DIGEST1' };

describe('Slack digest poster', () => {
  let stub: StubSlack;
  let poster: ReturnType<typeof createSlackPoster>;

  beforeEach(async () => {
    stub = await new StubSlack().start();
    const clientOptions: webApi.WebClientOptions = {
      slackApiUrl: stub.apiUrl,
      retryConfig: { retries: 0 },
      logLevel: LogLevel.ERROR,
    };
    poster = createSlackPoster({ token: 'xoxb-test', clientOptions });
  });
  afterEach(() => stub.close());

  it('posts the digest as Block Kit with fallback text to the channel', async () => {
    await poster.post(channel, sampleAnswer('digest'));
    const [call] = stub.callsTo('chat.postMessage');
    expect(call!.params.channel).toBe('C0DIGEST1');
    expect(call!.authorization).toBe('Bearer xoxb-test');
    expect(limitViolations({ text: call!.params.text as string, blocks: call!.params.blocks as unknown[] })).toEqual(
      [],
    );
  });

  it.each(['channel_not_found', 'not_in_channel', 'is_archived', 'account_inactive', 'missing_scope'])(
    'treats %s as permanent',
    async (error) => {
      stub.on('chat.postMessage', () => ({ body: { ok: false, error } }));
      const failure = await poster.post(channel, sampleAnswer('digest')).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(PermanentPostError);
      expect((failure as PermanentPostError).reason).toBe(error);
      expect((failure as PermanentPostError).message).toContain('C0DIGEST1');
    },
  );

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

  it('refuses to start a post whose signal is already aborted', async () => {
    const reason = new PostTimeoutError(1000);
    const failure = await poster
      .post(channel, sampleAnswer('digest'), { signal: AbortSignal.abort(reason) })
      .catch((e: unknown) => e);
    expect(failure).toBe(reason);
    expect(stub.callsTo('chat.postMessage')).toEqual([]);
  });

  it('an abort while Slack never answers: rejects with the abort reason and cancels the request', async () => {
    stub.hang('chat.postMessage');
    const controller = new AbortController();
    // With no answer and no client timeout, only the signal can end this post.
    const posting = poster
      .post(channel, sampleAnswer('digest'), { signal: controller.signal })
      .catch((e: unknown) => e);
    await waitFor(() => stub.callsTo('chat.postMessage')[0], 'the digest request to arrive');
    const reason = new PostTimeoutError(120_000);
    controller.abort(reason);
    expect(await posting).toBe(reason);
    await waitFor(() => stub.cancelled.includes('chat.postMessage'), 'the client to close the request');
    expect(stub.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('an abort without a reason rejects with the standard AbortError', async () => {
    stub.hang('chat.postMessage');
    const controller = new AbortController();
    const posting = poster
      .post(channel, sampleAnswer('digest'), { signal: controller.signal })
      .catch((e: unknown) => e);
    await waitFor(() => stub.callsTo('chat.postMessage')[0], 'the digest request to arrive');
    controller.abort();
    expect(await posting).toMatchObject({ name: 'AbortError' });
  });

  it('an abort while the client sleeps out a rate limit: rejects with the abort reason at once', async () => {
    stub.on('chat.postMessage', () => ({
      status: 429,
      headers: { 'retry-after': '30' },
      body: { ok: false, error: 'ratelimited' },
    }));
    const sleeping = new Promise<void>((resolve) => {
      // The Web API client logs this just before it waits out Retry-After.
      const logger = {
        ...silentSlackLogger(),
        info: (...messages: unknown[]) => (String(messages[0]).includes('rate limiting') ? resolve() : undefined),
      };
      poster = createSlackPoster({
        token: 'xoxb-test',
        clientOptions: { slackApiUrl: stub.apiUrl, retryConfig: { retries: 0 }, logger },
      });
    });
    const controller = new AbortController();
    // The wait (30 s, beyond the test's timeout) takes no signal: only the poster's race against it ends this post in time.
    const posting = poster
      .post(channel, sampleAnswer('digest'), { signal: controller.signal })
      .catch((e: unknown) => e);
    await sleeping;
    const reason = new PostTimeoutError(120_000);
    controller.abort(reason);
    expect(await posting).toBe(reason);
  });
});

/** A Bolt/Web API logger that writes nothing. */
function silentSlackLogger(): Logger {
  let level = LogLevel.ERROR;
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
