import { loadConfig } from '../../../../src/config.ts';
import { Health } from '../../../../src/health.ts';
import { silentLogger } from '../../../../src/log.ts';
import type { SlackBot } from '../../../../adapters/slack/answering.ts';
import { createSlackApp, type SlackApp } from '../../../../adapters/slack/index.ts';
import type { DeliveryKeyStore } from '../../../../src/storage/store.ts';
import { SIGNING_SECRET } from './signed-request.ts';
import { StubSlack } from './stub-slack.ts';

export interface RunningApp {
  slack: SlackApp;
  stub: StubSlack;
  /** The readiness owner; the app gets its read-only view. */
  health: Health;
  baseUrl: string;
  eventsUrl: string;
  close(): Promise<void>;
}

export interface HttpAppOptions {
  ackDeadlineMs?: number;
  /** Where deliveries are claimed across replicas (a store every replica shares). */
  deliveryKeys?: DeliveryKeyStore;
  /** A stub Web API several apps share (several replicas of one bot); its own otherwise, closed with the app. */
  stub?: StubSlack;
}

/** The real Bolt app in HTTP mode on a free loopback port, talking to a local stub Web API. */
export async function startHttpApp(
  bot: SlackBot,
  { stub: sharedStub, ...options }: HttpAppOptions = {},
): Promise<RunningApp> {
  const stub = sharedStub ?? (await new StubSlack().start());
  const health = new Health();
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: stub.apiUrl,
    PORT: '0',
  });
  const slack = createSlackApp({
    config,
    bot,
    logger: silentLogger,
    health: health.view,
    host: '127.0.0.1',
    ...options,
  });
  const port = await slack.start();
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    slack,
    stub,
    health,
    baseUrl,
    eventsUrl: `${baseUrl}/slack/events`,
    async close() {
      await slack.stop();
      if (!sharedStub) await stub.close();
    },
  };
}
