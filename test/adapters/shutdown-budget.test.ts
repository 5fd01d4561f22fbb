import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../adapters/app.ts';
import { silentLogger } from '../../src/log.ts';
import { eventEnvelope, postSigned, SIGNING_SECRET } from './slack/helpers/signed-request.ts';
import { BOT_USER_ID, StubSlack, waitFor } from './slack/helpers/stub-slack.ts';

let stub: StubSlack | null = null;
let app: App | null = null;
afterEach(async () => {
  await stub?.close();
  stub = null;
  app = null;
});

describe('shutdown stays within its budget', () => {
  it('a reply stuck behind a 3600 s Retry-After does not hold stop() past the budget', async () => {
    stub = await new StubSlack().start();
    stub.on('chat.postMessage', () => ({
      status: 429,
      headers: { 'retry-after': '3600' },
      body: { ok: false, error: 'ratelimited' },
    }));
    app = await startApp({
      env: {
        DATA_DIR: mkdtempSync(path.join(tmpdir(), 'k8s-bot-budget-')),
        PORT: '0',
        SLACK_BOT_TOKEN: 'xoxb-test-token',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: stub.apiUrl,
      },
      logger: silentLogger,
      digestCron: false,
      shutdownBudgetMs: 1500,
    });
    const port = (app.adapters[0] as unknown as { port: number }).port;
    const event = {
      type: 'app_mention',
      user: 'U0ASKER01',
      text: `<@${BOT_USER_ID}> 1.31`,
      ts: '1700000000.000100',
      channel: 'C0CHANNEL1',
    };
    expect(
      (
        await postSigned(
          `http://127.0.0.1:${port}/slack/events`,
          JSON.stringify(eventEnvelope(event)),
          'application/json',
        )
      ).status,
    ).toBe(200);
    await waitFor(() => stub!.callsTo('chat.postMessage')[0], 'the reply to hit the rate limit');

    const began = performance.now();
    await app.stop();
    const took = performance.now() - began;
    expect(took).toBeGreaterThanOrEqual(1400);
    expect(took).toBeLessThan(5000);
  });
});
