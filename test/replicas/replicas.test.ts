// Several replicas, proven with real processes: two (or more) `adapters/main.ts` processes in Slack HTTP mode
// against one PostgreSQL database and one stub Slack API. Skipped (loudly) without TEST_DATABASE_URL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelRef } from '../../src/domain/channel.ts';
import { openStore } from '../../src/storage/open.ts';
import type { Store } from '../../src/storage/store.ts';
import { eventEnvelope, postSigned, slashCommandBody } from '../adapters/slack/helpers/signed-request.ts';
import { BOT_USER_ID, StubSlack, waitFor } from '../adapters/slack/helpers/stub-slack.ts';
import { postgresBackend, postgresUrl, type Backend } from '../storage/support/backends.ts';
import { killAll, startReplica, type Replica } from './support/replica.ts';

const url = postgresUrl();
const FORM = 'application/x-www-form-urlencoded';
const FAST_TICKS = { DIGEST_TICK_SECONDS: '1' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pidOf = (claimant: string): number => Number(claimant.split(':')[1]);

/** Polls an asynchronous check (the database) until it holds, or fails naming `what`. */
async function eventually(check: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !(await check()); await sleep(100)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
  }
}

/** HH:MM and ISO weekday (1 = Monday) of an instant in UTC. */
function utcSlot(at: Date): { time: string; weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7 } {
  return {
    time: at.toISOString().slice(11, 16),
    weekday: (((at.getUTCDay() + 6) % 7) + 1) as 1 | 2 | 3 | 4 | 5 | 6 | 7,
  };
}

describe.skipIf(!url)('several replicas against one PostgreSQL', () => {
  let backend: Backend;
  let databaseUrl: string;
  let stub: StubSlack;
  let store: Store;
  const replicas: Replica[] = [];
  const start = async (name: string, env: Record<string, string> = {}): Promise<Replica> => {
    const replica = await startReplica(name, { databaseUrl, slackApiUrl: stub.apiUrl, env });
    replicas.push(replica);
    return replica;
  };
  const slash = (replica: Replica, text: string, channel = 'C0CHANNEL1') =>
    postSigned(`${replica.baseUrl}/slack/events`, slashCommandBody(text, { channel_id: channel }), FORM);
  const postsTo = (channel: string) =>
    stub.callsTo('chat.postMessage').filter((call) => call.params.channel === channel);

  beforeEach(async () => {
    backend = postgresBackend(url!);
    databaseUrl = (await backend.fresh()).databaseUrl!;
    // The test's own connection: it seeds subscriptions and reads the claims the replicas leave.
    store = await openStore({ databaseUrl, dataDir: '' });
    stub = await new StubSlack().start();
  });
  afterEach(async () => {
    await killAll(replicas);
    await store.close();
    await stub.close();
    await backend.cleanUp();
  });

  /** `count` weekly subscriptions whose digest fell due ten minutes ago (subscribed an hour before that). */
  async function seedDue(count: number): Promise<ChannelRef[]> {
    const now = Date.now();
    const slot = utcSlot(new Date(now - 10 * 60_000));
    const channels = Array.from(
      { length: count },
      (_, i): ChannelRef => ({ platform: 'slack', workspace: 'T0TEST01', channel: `CDUE${i}` }),
    );
    for (const channel of channels) {
      await store.save(
        channel,
        { kind: 'weekly', releases: null, time: slot.time, timeZone: 'UTC', weekday: slot.weekday },
        new Date(now - 70 * 60_000),
      );
    }
    return channels;
  }

  it('the same event delivered to both replicas, and its retries, is answered once', async () => {
    const [a, b] = await Promise.all([start('a'), start('b')]);
    const ts = `${Math.floor(Date.now() / 1000)}.000100`;
    const body = JSON.stringify(
      eventEnvelope({
        type: 'app_mention',
        user: 'U0ASKER01',
        text: `<@${BOT_USER_ID}> 1.31`,
        ts,
        channel: 'C0MENTION',
        event_ts: ts,
      }),
    );
    const deliver = (replica: Replica, headers: Record<string, string> = {}) =>
      postSigned(`${replica.baseUrl}/slack/events`, body, 'application/json', { headers });
    const retry = (n: number) => ({ 'x-slack-retry-num': String(n), 'x-slack-retry-reason': 'http_error' });
    const responses = await Promise.all([
      deliver(a),
      deliver(b),
      deliver(b, retry(1)),
      deliver(a, retry(2)),
      deliver(b, retry(3)),
    ]);
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
    await waitFor(() => postsTo('C0MENTION').length > 0, 'the reply', 10_000);
    await sleep(1500);
    expect(postsTo('C0MENTION')).toHaveLength(1);
    expect(postsTo('C0MENTION')[0]!.params).toMatchObject({ thread_ts: ts });
  }, 60_000);

  it('a subscription made through one replica is listed by the other, and posted by it once the first has stopped', async () => {
    const [a, b] = await Promise.all([start('a', FAST_TICKS), start('b', FAST_TICKS)]);
    // Due at the next whole minute at least 5 s away (an occurrence counts only after the subscription was made).
    const dueAt = new Date(Math.ceil((Date.now() + 5000) / 60_000) * 60_000);
    const { time, weekday } = utcSlot(dueAt);
    const weekdayName = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'][weekday - 1]!;
    const made = await slash(a, `subscribe weekly ${time} UTC ${weekdayName}`, 'C0SUBSCRIBE');
    expect(made.status).toBe(200);
    expect(JSON.stringify(await made.json())).toContain('Subscribed');
    const listed = await slash(b, 'subscriptions', 'C0SUBSCRIBE');
    expect(JSON.stringify(await listed.json())).toContain(`${time} (UTC)`);

    a.kill('SIGTERM');
    expect(await a.exited).toBe(0);
    await waitFor(() => postsTo('C0SUBSCRIBE').length > 0, 'the digest', dueAt.getTime() - Date.now() + 20_000);
    const [posting] = await store.postings(
      (await store.find({ platform: 'slack', workspace: 'T0TEST01', channel: 'C0SUBSCRIBE' }))!.id,
    );
    expect(posting).toMatchObject({ status: 'posted', attempts: 1 });
    expect(pidOf(posting!.claimedBy)).toBe(b.child.pid);
  }, 120_000);

  it('50 subscriptions due with two replicas ticking every second: each occurrence is posted exactly once', async () => {
    const channels = await seedDue(50);
    await Promise.all([start('a', FAST_TICKS), start('b', FAST_TICKS)]);
    // A subscription may be due more than one occurrence (its digest and a notice): the postings are complete once
    // they are all posted and their number has held for longer than a tick of either replica.
    let count = -1;
    let countSince = Date.now();
    const allPosted = async () => {
      const postings = await store.postings();
      if (postings.length !== count) [count, countSince] = [postings.length, Date.now()];
      const settled = Date.now() - countSince >= 1500;
      return settled && postings.length >= 50 && postings.every((posting) => posting.status === 'posted');
    };
    await eventually(allPosted, 'every due occurrence posted', 45_000);
    const postedCount = (await store.postings()).length;
    await sleep(2500); // a few more ticks of both replicas: nothing is posted again
    const after = await store.postings();
    expect(after).toHaveLength(postedCount);
    expect(after.every((posting) => posting.attempts === 1)).toBe(true);
    expect(stub.callsTo('chat.postMessage')).toHaveLength(after.length);
    for (const channel of channels) {
      const { id } = (await store.find(channel))!;
      expect(postsTo(channel.channel), channel.channel).toHaveLength(
        after.filter((posting) => posting.subscriptionId === id).length,
      );
    }
  }, 120_000);

  it('kill -9 of a replica mid-post: the other takes the posting over once the lease has run out, and posts it once', async () => {
    const [channel] = await seedDue(1);
    const lease = { ...FAST_TICKS, DIGEST_CLAIM_LEASE_SECONDS: '10' };
    stub.hang('chat.postMessage');
    const a = await start('a', lease);
    await waitFor(() => stub.callsTo('chat.postMessage').length > 0, 'replica a posting', 20_000);
    a.kill('SIGKILL');
    expect(await a.exited).toBe('SIGKILL');
    const [abandoned] = await store.postings();
    expect(abandoned).toMatchObject({ status: 'claimed', attempts: 1 });
    expect(pidOf(abandoned!.claimedBy)).toBe(a.child.pid);

    stub.release('chat.postMessage');
    // Before a second attempt the bot looks for the occurrence in the channel: a's post never reached it.
    stub.on('conversations.history', () => ({ body: { ok: true, messages: [], has_more: false } }));
    const b = await start('b', lease);
    const key = abandoned!.occurrenceKey;
    await eventually(async () => (await store.posting(key))?.status === 'posted', 'replica b posting it', 30_000);
    const taken = (await store.posting(key))!;
    expect(taken).toMatchObject({ status: 'posted', attempts: 2, takenOverFrom: abandoned!.claimedBy });
    expect(pidOf(taken.claimedBy)).toBe(b.child.pid);
    expect(new Date(taken.claimedAt).getTime()).toBeGreaterThanOrEqual(new Date(abandoned!.leaseExpiresAt!).getTime());
    await sleep(2000);
    // Every occurrence (a weekly digest may come with a notice) posted once by b, plus a's call that never landed.
    const postings = await store.postings();
    expect(postings.every((posting) => posting.status === 'posted' && pidOf(posting.claimedBy) === b.child.pid)).toBe(
      true,
    );
    expect(postsTo(channel!.channel)).toHaveLength(postings.length + 1);
  }, 90_000);

  it('a rolling restart (start b, SIGTERM a) under 20 signed slash commands a second loses no request', async () => {
    const drain = { SHUTDOWN_DRAIN_SECONDS: '2' };
    const a = await start('a', drain);
    // A load balancer: sends each request to the next replica whose /readyz answered 200 at the last probe.
    const known: Replica[] = [a];
    const ready = new Set<Replica>([a]);
    let probing = true;
    const prober = (async () => {
      while (probing) {
        await Promise.all(
          known.map(async (replica) => {
            const ok = await fetch(`${replica.baseUrl}/readyz`).then(
              (r) => r.ok,
              () => false,
            );
            if (ok) ready.add(replica);
            else ready.delete(replica);
          }),
        );
        await sleep(100);
      }
    })();
    const results: Array<{ status: number; text: string; to: string }> = [];
    const inFlight: Promise<void>[] = [];
    let sending = true;
    let next = 0;
    const load = (async () => {
      while (sending) {
        const targets = [...ready];
        const target = targets[next++ % Math.max(targets.length, 1)];
        if (target) {
          inFlight.push(
            slash(target, '1.31').then(
              async (response) =>
                void results.push({ status: response.status, text: await response.text(), to: target.name }),
              (error: Error) => void results.push({ status: 0, text: error.message, to: target.name }),
            ),
          );
        }
        await sleep(50);
      }
    })();

    await sleep(1000);
    const b = await start('b', drain);
    known.push(b);
    await waitFor(() => ready.has(b), 'b in rotation', 5000);
    a.kill('SIGTERM');
    expect(await a.exited).toBe(0);
    await sleep(1000);
    sending = false;
    await load;
    await Promise.all(inFlight);
    probing = false;
    await prober;

    expect(results.length).toBeGreaterThanOrEqual(60);
    expect(results.filter((result) => result.status !== 200 || !result.text.includes('1.31'))).toEqual([]);
    expect(new Set(results.map((result) => result.to))).toEqual(new Set(['a', 'b']));
  }, 90_000);
});
