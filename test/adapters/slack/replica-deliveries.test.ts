// One Slack event delivered to two replicas at once is answered exactly once: two real Bolt HTTP apps, each
// with its own connection to one real PostgreSQL database (where deliveries are claimed), and one stub Slack.
// In-process, so many events fit in a second and the claims of the two replicas truly race.
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/storage/open.ts';
import type { Store } from '../../../src/storage/store.ts';
import { postgresBackend, postgresUrl, type Backend } from '../../storage/support/backends.ts';
import { FakeBot } from './helpers/fake-bot.ts';
import { startHttpApp, type RunningApp } from './helpers/running-app.ts';
import { eventEnvelope, postSigned } from './helpers/signed-request.ts';
import { BOT_USER_ID, StubSlack } from './helpers/stub-slack.ts';

const url = postgresUrl();
const EVENTS = 40;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const mention = (ts: string) =>
  eventEnvelope({
    type: 'app_mention',
    user: 'U0ASKER01',
    text: `<@${BOT_USER_ID}> 1.31`,
    ts,
    channel: 'C1',
    event_ts: ts,
  });

describe.skipIf(!url)('Slack deliveries across replicas sharing one PostgreSQL database', () => {
  let backend: Backend;
  let stub: StubSlack;
  const stores: Store[] = [];
  const replicas: RunningApp[] = [];
  afterEach(async () => {
    for (const replica of replicas.splice(0)) await replica.close();
    for (const store of stores.splice(0)) await store.close();
    await stub.close();
    await backend.cleanUp();
  });

  it(`each of ${EVENTS} events delivered to both replicas at once, with a retry, is answered exactly once`, async () => {
    backend = postgresBackend(url!);
    const location = await backend.fresh();
    stub = await new StubSlack().start();
    for (let i = 0; i < 2; i++) {
      const store = await openStore(location);
      stores.push(store);
      replicas.push(await startHttpApp(new FakeBot(), { stub, deliveryKeys: store }));
    }
    const [a, b] = replicas as [RunningApp, RunningApp];
    const retry = { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_error' };
    const timestamps = Array.from({ length: EVENTS }, (_, i) => `1700000${String(i).padStart(3, '0')}.000100`);
    for (const ts of timestamps) {
      const body = JSON.stringify(mention(ts));
      const responses = await Promise.all([
        postSigned(a.eventsUrl, body, 'application/json'),
        postSigned(b.eventsUrl, body, 'application/json'),
        postSigned(b.eventsUrl, body, 'application/json', { headers: retry }),
      ]);
      expect(responses.map((response) => response.status)).toEqual([200, 200, 200]);
    }
    const replies = () => stub.callsTo('chat.postMessage');
    for (const deadline = Date.now() + 10_000; replies().length < EVENTS && Date.now() < deadline; ) await sleep(20);
    await sleep(300); // room for a second reply to any of them
    const repliesPerEvent = Object.fromEntries(timestamps.map((ts) => [ts, 0]));
    for (const reply of replies()) repliesPerEvent[reply.params.thread_ts as string]! += 1;
    expect(repliesPerEvent).toEqual(Object.fromEntries(timestamps.map((ts) => [ts, 1])));
  }, 60_000);
});
