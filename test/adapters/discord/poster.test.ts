import { REST, RESTEvents } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDiscordPoster } from '../../../adapters/discord/poster.ts';
import type { Answer } from '../../../src/domain/answer.ts';
import { PostTimeoutError, type DigestPoster } from '../../../src/digest/poster.ts';
import { IDS } from './support/payloads.ts';
import { StubDiscord } from './support/stubDiscord.ts';

const digest: Answer = {
  intent: 'digest',
  title: 'Weekly digest',
  summary: 'Week 3 of 15.',
  release: '1.37',
  facts: [],
  sections: [],
  links: [],
  suggestions: [],
  footer: 'Data as of test',
};
const STUCK = '1100220033004400994';
const LIMITED = '1100220033004400996';
const to = (channel: string) => ({ platform: 'discord' as const, workspace: IDS.guild, channel });

/** The digest poster on discord.js's REST client (as the adapter builds it from its client), against the stub API. */
describe("Discord digest poster and the scheduler's abort signal", () => {
  let stub: StubDiscord;
  let rest: REST;
  let poster: DigestPoster;

  beforeEach(async () => {
    stub = await StubDiscord.start();
    rest = new REST({ api: stub.apiUrl }).setToken('stub-token');
    poster = createDiscordPoster(rest);
  });
  afterEach(() => stub.close());

  it('refuses to start a post whose signal is already aborted', async () => {
    const reason = new PostTimeoutError(1000);
    expect(
      await poster.post(to(IDS.channel), digest, { signal: AbortSignal.abort(reason) }).catch((e: unknown) => e),
    ).toBe(reason);
    expect(stub.requests).toEqual([]);
  });

  it('an abort while Discord never answers: rejects with the abort reason and cancels the request', async () => {
    stub.hangChannel(STUCK);
    const controller = new AbortController();
    // discord.js's own request timeout (15 s) outlasts the test's: only the signal can end this post in time.
    const posting = poster.post(to(STUCK), digest, { signal: controller.signal }).catch((e: unknown) => e);
    await stub.waitForRequest((request) => request.method === 'POST' && request.path === `/channels/${STUCK}/messages`);
    const reason = new PostTimeoutError(120_000);
    controller.abort(reason);
    expect(await posting).toBe(reason);
    await expect.poll(() => stub.cancelled).toEqual([`POST /channels/${STUCK}/messages`]);
    // The REST client retries aborted requests; with the signal aborted none of them leaves.
    expect(stub.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      `POST /channels/${STUCK}/messages`,
    ]);
  });

  it('an abort while the REST queue sleeps out a rate limit: rejects with the abort reason at once', async () => {
    stub.rateLimitChannel(LIMITED, 30);
    const controller = new AbortController();
    const sleeping = new Promise<void>((resolve) => {
      const listener = (message: string): void => {
        if (!message.includes('429')) return;
        rest.off(RESTEvents.Debug, listener);
        resolve();
      };
      rest.on(RESTEvents.Debug, listener);
    });
    // discord.js waits out Retry-After (30 s, beyond the test's timeout) before it retries, and that wait
    // takes no signal: only the poster's own race against the signal ends this post in time.
    const posting = poster.post(to(LIMITED), digest, { signal: controller.signal }).catch((e: unknown) => e);
    await sleeping;
    const reason = new PostTimeoutError(120_000);
    controller.abort(reason);
    expect(await posting).toBe(reason);
  });

  it('a post that lands is not affected by a signal that never aborts', async () => {
    await poster.post(to(IDS.channel), digest, { signal: new AbortController().signal });
    expect(stub.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      `POST /channels/${IDS.channel}/messages`,
    ]);
  });
});
