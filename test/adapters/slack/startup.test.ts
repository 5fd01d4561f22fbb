import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { Health } from '../../../src/health.ts';
import { silentLogger } from '../../../src/log.ts';
import { createSlackApp } from '../../../adapters/slack/index.ts';
import { FakeBot } from './helpers/fake-bot.ts';
import { SIGNING_SECRET } from './helpers/signed-request.ts';
import { StubSlack } from './helpers/stub-slack.ts';

describe('Slack adapter startup', () => {
  let stub: StubSlack | undefined;
  afterEach(async () => {
    await stub?.close();
    stub = undefined;
  });

  const options = (env: Record<string, string>) => ({
    config: loadConfig(env),
    bot: new FakeBot(),
    logger: silentLogger,
    health: new Health().view,
    host: '127.0.0.1',
  });

  it('names SLACK_BOT_TOKEN, without echoing it, when Slack rejects the token', async () => {
    stub = await new StubSlack().start();
    stub.on('auth.test', () => ({ body: { ok: false, error: 'invalid_auth' } }));
    const slack = createSlackApp(
      options({
        SLACK_BOT_TOKEN: 'xoxb-secret-value',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: stub.apiUrl,
        PORT: '0',
      }),
    );
    const failure = await slack.start().catch((error: unknown) => error as Error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toBe(
      'Slack rejected SLACK_BOT_TOKEN (invalid_auth); check the bot token in the environment',
    );
    await slack.stop();
  });

  it('names SLACK_API_URL when the Web API cannot be reached', async () => {
    const unreachable = 'http://127.0.0.1:1/api/';
    const slack = createSlackApp(
      options({
        SLACK_BOT_TOKEN: 'xoxb-secret-value',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: unreachable,
        PORT: '0',
      }),
    );
    const failure = await slack.start().catch((error: unknown) => error as Error);
    expect((failure as Error).message).toMatch(
      new RegExp(`^SLACK_API_URL \\(${unreachable}\\) is unreachable: .*ECONNREFUSED`),
    );
    expect((failure as Error).message).not.toContain('xoxb-secret-value');
    await slack.stop();
  });

  it('refuses to build without the variables its mode needs', () => {
    expect(() => createSlackApp(options({}))).toThrow(/SLACK_BOT_TOKEN is not set/);
    const httpWithoutSecret = { ...options({}), config: { ...loadConfig({}), SLACK_BOT_TOKEN: 'xoxb-x' } };
    expect(() => createSlackApp(httpWithoutSecret)).toThrow(/SLACK_SIGNING_SECRET is not set/);
  });

  it('picks HTTP mode without SLACK_APP_TOKEN and Socket Mode with it', () => {
    expect(createSlackApp(options({ SLACK_BOT_TOKEN: 'xoxb-x', SLACK_SIGNING_SECRET: 's', PORT: '0' })).mode).toBe(
      'http',
    );
    expect(createSlackApp(options({ SLACK_BOT_TOKEN: 'xoxb-x', SLACK_APP_TOKEN: 'xapp-x', PORT: '0' })).mode).toBe(
      'socket',
    );
  });
});
