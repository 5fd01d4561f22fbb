import { GatewayDispatchEvents, InteractionResponseType } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startDiscord } from '../../../adapters/discord/index.ts';
import { Bot, type SubscriptionCommands } from '../../../src/bot.ts';
import { loadDataset } from '../../../src/data/load.ts';
import type { Answer } from '../../../src/domain/answer.ts';
import { silentLogger } from '../../../src/log.ts';
import { chatInputInteraction, IDS } from './support/payloads.ts';
import { StubDiscord } from './support/stubDiscord.ts';

const dataset = loadDataset();
const TOKEN = 'MTI4Mzc0NjUxMjAzOTQ4NTc2Mg.GzT3st.lifecycle-token';
const stubs: StubDiscord[] = [];

afterEach(async () => {
  await Promise.all(stubs.splice(0).map((stub) => stub.close()));
});

async function startStub(): Promise<StubDiscord> {
  const stub = await StubDiscord.start();
  stub.acceptedToken = TOKEN;
  stubs.push(stub);
  return stub;
}

/** A digest feature whose storage is slow until the test lets it finish. */
class SlowSubscriptions implements SubscriptionCommands {
  private release!: () => void;
  readonly released = new Promise<void>((resolve) => (this.release = resolve));
  finish(): void {
    this.release();
  }
  async handle(): Promise<Answer> {
    await this.released;
    return {
      intent: 'subscription',
      title: 'Subscribed',
      summary: 'Weekly digest on Mondays at 09:00 UTC.',
      release: null,
      facts: [],
      sections: [],
      links: [],
      suggestions: [],
      footer: 'test',
    };
  }
}

describe('Discord adapter lifecycle', () => {
  it('stop() lets a reply in flight finish, then closes the gateway connection', async () => {
    const stub = await startStub();
    const subscriptions = new SlowSubscriptions();
    const adapter = await startDiscord({
      config: { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: stub.apiUrl },
      bot: new Bot(dataset, { subscriptions }),
      logger: silentLogger,
    });
    expect(stub.gatewayConnected).toBe(true);

    const payload = chatInputInteraction('subscriptions', {});
    stub.dispatch(GatewayDispatchEvents.InteractionCreate, payload);
    const deferral = await stub.waitForRequest(
      (request) => request.path === `/interactions/${payload.id}/${payload.token}/callback`,
    );
    expect(deferral.body.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);

    const stopped = adapter.stop();
    subscriptions.finish();
    await stopped;
    const editPath = `/webhooks/${IDS.application}/${payload.token}/messages/@original`;
    const edit = stub.requests.find((request) => request.method === 'PATCH' && request.path === editPath);
    expect(edit?.body.embeds[0].title).toBe('Subscribed');
    await expect.poll(() => stub.gatewayConnected).toBe(false);
    expect(stub.timeline.indexOf(`PATCH ${editPath}`)).toBeLessThan(stub.timeline.indexOf('gateway closed'));
  });

  it('fails to start with a clear error when Discord rejects the token, without echoing it', async () => {
    const stub = await startStub();
    const start = startDiscord({
      config: { DISCORD_TOKEN: 'rejected-token-value', DISCORD_API_URL: stub.apiUrl },
      bot: new Bot(dataset),
      logger: silentLogger,
    });
    const error = (await start.catch((caught: unknown) => caught)) as Error;
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toMatch(/token/i);
    expect(error.message).not.toContain('rejected-token-value');
  });

  it('refuses to start without DISCORD_TOKEN', async () => {
    await expect(
      startDiscord({
        config: { DISCORD_TOKEN: undefined, DISCORD_API_URL: undefined },
        bot: new Bot(dataset),
        logger: silentLogger,
      }),
    ).rejects.toThrow(/DISCORD_TOKEN/);
  });
});
