import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSlackPoster, DIGEST_EVENT_TYPE } from '../../adapters/slack/poster.ts';
import { DEFAULT_CLAIM_LEASE_MS, startDigestScheduler } from '../../src/digest/scheduler.ts';
import { silentLogger } from '../../src/log.ts';
import { openSqliteStore as openSubscriptionStore } from '../../src/storage/subscription-store.ts';
import { StubSlack, waitFor } from '../adapters/slack/helpers/stub-slack.ts';
import { cycle131, dataset } from './fixtures.ts';

const data = dataset({ schedules: [cycle131] });
const reminderDue = new Date('2024-07-17T09:00:00Z');
const worker = path.join(import.meta.dirname, 'fixtures-proc', 'digest-worker.ts');

let dir: string;
let stub: StubSlack;
beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'k8s-bot-crash-'));
  stub = await new StubSlack().start();
});
afterEach(async () => {
  await stub.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Slack's history for the channel: every message the stub accepted, with the metadata it was posted with. */
function serveHistoryFromPosts(): void {
  stub.on('conversations.history', (params) => ({
    body: {
      ok: true,
      messages: stub
        .callsTo('chat.postMessage')
        .filter((call) => call.params.channel === params.channel)
        .map((call, index) => ({
          type: 'message',
          ts: `1721206800.00010${index}`,
          text: call.params.text,
          metadata: call.params.metadata,
        })),
      has_more: false,
    },
  }));
}

describe('a crash after Slack accepted a digest (a real process killed with SIGKILL)', () => {
  it('the replica that takes over the expired claim finds the digest in the channel history and does not post it again', async () => {
    const setup = openSubscriptionStore(dir);
    await setup.save(
      { platform: 'slack', workspace: 'T1', channel: 'C1' },
      { kind: 'milestones', time: '09:00', timeZone: 'UTC', weekday: 1 },
      new Date('2024-07-01T00:00:00Z'),
    );
    await setup.close();
    // Slack receives (and keeps) the message but the answer never reaches the bot: it is killed first.
    stub.hang('chat.postMessage');
    const child = spawn(process.execPath, ['--import', 'tsx', worker, dir, stub.apiUrl, reminderDue.toISOString()], {
      stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    const post = await waitFor(
      () => stub.callsTo('chat.postMessage')[0],
      'the first replica to send the digest',
      15_000,
    );
    expect(post.params.metadata).toMatchObject({
      event_type: DIGEST_EVENT_TYPE,
      event_payload: { occurrence_key: expect.any(String) },
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    serveHistoryFromPosts();
    const store = openSubscriptionStore(dir);
    const poster = createSlackPoster({
      token: 'xoxb-test-token',
      clientOptions: { slackApiUrl: stub.apiUrl, retryConfig: { retries: 0 } },
    });
    const scheduler = startDigestScheduler({
      store,
      dataset: data,
      posters: [poster],
      logger: silentLogger,
      graceHours: 6,
      cronExpression: false,
    });
    const afterLease = new Date(reminderDue.getTime() + DEFAULT_CLAIM_LEASE_MS + 60_000);
    const result = await scheduler.tick(afterLease);
    expect(result).toMatchObject({ reclaimed: 1, foundPosted: 1, posted: 0 });
    expect(stub.callsTo('chat.postMessage')).toHaveLength(1);
    const history = stub.callsTo('conversations.history')[0]!;
    expect(history.params).toMatchObject({ channel: 'C1', include_all_metadata: 'true' });
    const key = (post.params.metadata as { event_payload: { occurrence_key: string } }).event_payload.occurrence_key;
    expect(await store.posting(key)).toMatchObject({ status: 'posted' });
    // And it stays done: later ticks neither look again nor post.
    expect(await scheduler.tick(new Date(afterLease.getTime() + 60_000))).toMatchObject({
      posted: 0,
      alreadyClaimed: 1,
    });
    await scheduler.stop();
    await store.close();
  });

  it('a taken-over claim whose first attempt never reached Slack is posted (history has no such message)', async () => {
    const store = openSubscriptionStore(dir);
    const subscription = await store.save(
      { platform: 'slack', workspace: 'T1', channel: 'C2' },
      { kind: 'milestones', time: '09:00', timeZone: 'UTC', weekday: 1 },
      new Date('2024-07-01T00:00:00Z'),
    );
    // A claimant that died before sending: its claim is left with no outcome.
    const { dueDigests } = await import('../../src/digest/due.ts');
    const [due] = dueDigests([subscription], data, reminderDue, { graceHours: 6 });
    await store.claim({
      occurrenceKey: due!.occurrenceKey,
      subscriptionId: subscription.id,
      scheduledAt: due!.scheduledAt,
      now: reminderDue,
      leaseMs: DEFAULT_CLAIM_LEASE_MS,
      graceEndsAt: due!.graceEndsAt,
    });
    serveHistoryFromPosts();
    const poster = createSlackPoster({
      token: 'xoxb-test-token',
      clientOptions: { slackApiUrl: stub.apiUrl, retryConfig: { retries: 0 } },
    });
    const scheduler = startDigestScheduler({
      store,
      dataset: data,
      posters: [poster],
      logger: silentLogger,
      graceHours: 6,
      cronExpression: false,
    });
    const result = await scheduler.tick(new Date(reminderDue.getTime() + DEFAULT_CLAIM_LEASE_MS + 60_000));
    expect(result).toMatchObject({ reclaimed: 1, foundPosted: 0, posted: 1 });
    expect(stub.callsTo('conversations.history')).toHaveLength(1);
    expect(stub.callsTo('chat.postMessage')).toHaveLength(1);
    await scheduler.stop();
    await store.close();
  });
});
