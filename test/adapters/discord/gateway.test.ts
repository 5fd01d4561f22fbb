import {
  GatewayDispatchEvents,
  GatewayIntentBits,
  InteractionResponseType,
  MessageFlags,
  PermissionFlagsBits,
} from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscord } from '../../../adapters/discord/index.ts';
import { Bot, type SubscriptionCommands } from '../../../src/bot.ts';
import { loadDataset } from '../../../src/data/load.ts';
import type { Answer } from '../../../src/domain/answer.ts';
import { PermanentPostError } from '../../../src/digest/poster.ts';
import { silentLogger } from '../../../src/log.ts';
import type { RunningAdapter } from '../../../adapters/running-adapter.ts';
import { embedLimitProblems, embedText } from './support/limits.ts';
import {
  autocompleteInteraction,
  BOT_PERMISSIONS,
  chatInputInteraction,
  directMessage,
  directMessageInteraction,
  IDS,
  mentionMessage,
} from './support/payloads.ts';
import { StubDiscord, type RecordedRequest } from './support/stubDiscord.ts';

/** Stands in for the digest feature (its own tests cover storage): records what the adapter asked for. */
class RecordingSubscriptions implements SubscriptionCommands {
  readonly calls: { command: string; args: string; conversation: Parameters<SubscriptionCommands['handle']>[2] }[] = [];
  async handle(
    command: 'subscribe' | 'unsubscribe' | 'subscriptions',
    args: string,
    conversation: Parameters<SubscriptionCommands['handle']>[2],
  ): Promise<Answer> {
    this.calls.push({ command, args, conversation });
    return {
      intent: 'subscription',
      title: 'Digest subscription',
      summary: `${command} ${args}`.trim(),
      release: null,
      facts: [],
      sections: [],
      links: [],
      suggestions: [],
      footer: 'Data as of test',
    };
  }
}

const NO_PINGS = { parse: [], replied_user: false };
const TOKEN = 'MTI4Mzc0NjUxMjAzOTQ4NTc2Mg.GzT3st.not-a-real-token-just-for-the-stub';

let stub: StubDiscord;
let adapter: RunningAdapter;
const subscriptions = new RecordingSubscriptions();
const bot = new Bot(loadDataset(), { subscriptions, clock: () => new Date('2026-09-01T12:00:00Z') });

beforeAll(async () => {
  stub = await StubDiscord.start();
  adapter = await startDiscord({
    config: { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: stub.apiUrl },
    bot,
    logger: silentLogger,
  });
});

afterAll(async () => {
  await adapter?.stop();
  await stub?.close();
});

/** Delivers INTERACTION_CREATE over the gateway and returns the first response discord.js sends for it. */
async function interact(payload: { id: string; token: string }): Promise<RecordedRequest> {
  stub.dispatch(GatewayDispatchEvents.InteractionCreate, payload);
  return stub.waitForRequest((request) => request.path === `/interactions/${payload.id}/${payload.token}/callback`);
}

describe('Discord gateway session', () => {
  it('logs in through the stub with only the non-privileged intents it needs', () => {
    expect(stub.identify.token).toBe(TOKEN);
    expect(stub.identify.intents).toBe(
      GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.DirectMessages,
    );
    expect(stub.identify.intents & GatewayIntentBits.MessageContent).toBe(0);
    const gateway = stub.requests.find((request) => request.path === '/gateway/bot')!;
    expect(gateway.headers.authorization).toBe(`Bot ${TOKEN}`);
  });
});

describe('/k8s-release chat-input interactions', () => {
  it('answers `release version:1.31` with embeds in the interaction callback and pings no one', async () => {
    const callback = await interact(chatInputInteraction('release', { version: '1.31' }));
    expect(callback.method).toBe('POST');
    expect(callback.body.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(callback.body.data.allowed_mentions).toEqual(NO_PINGS);
    expect(callback.body.data.flags ?? 0).toBe(0);
    expect(embedLimitProblems(callback.body.data.embeds)).toEqual([]);
    const text = embedText(callback.body.data.embeds);
    expect(text).toContain('1.31');
    expect(text).toContain('Elli');
    expect(text).toContain('2024-08-13');
  });

  it('answers privately (ephemeral flag) when asked to', async () => {
    const callback = await interact(chatInputInteraction('ask', { question: 'what went GA in 1.31', private: true }));
    expect(callback.body.data.flags).toBe(MessageFlags.Ephemeral);
    expect(embedText(callback.body.data.embeds)).toContain('KEP-3836');
  });

  it('looks up a KEP chosen from autocomplete (its number) as KEP-N', async () => {
    const callback = await interact(chatInputInteraction('kep', { query: '3836' }));
    const text = embedText(callback.body.data.embeds);
    expect(text).toContain('KEP-3836');
    expect(text).toContain('KubeProxyDrainingTerminatingNodes');
  });

  it('never pings @everyone from a hostile question', async () => {
    const callback = await interact(
      chatInputInteraction('ask', { question: '@everyone @here <@&1100220033004400560> what went GA in 1.31' }),
    );
    expect(callback.body.data.allowed_mentions).toEqual(NO_PINGS);
    expect(JSON.stringify(callback.body.data)).not.toMatch(/@(everyone|here)|<@&\d+>/);
  });

  it('answers the schedule subcommand', async () => {
    const callback = await interact(chatInputInteraction('schedule', { version: '1.31' }));
    const text = embedText(callback.body.data.embeds);
    expect(text).toContain('2024-08-13');
    expect(embedLimitProblems(callback.body.data.embeds)).toEqual([]);
  });
});

describe('/k8s-release autocomplete interactions', () => {
  it('suggests release versions, newest first', async () => {
    const callback = await interact(autocompleteInteraction('release', 'version', '1.3'));
    expect(callback.body.type).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
    const values = callback.body.data.choices.map((choice: { value: string }) => choice.value);
    expect(values.slice(0, 3)).toEqual(['1.37', '1.36', '1.35']);
    expect(values.length).toBeLessThanOrEqual(25);
  });

  it('suggests KEPs by title', async () => {
    const callback = await interact(autocompleteInteraction('kep', 'query', 'sidecar'));
    expect(callback.body.data.choices[0]).toEqual({ name: 'KEP-753 · Sidecar Containers', value: '753' });
  });

  it('suggests time zones for subscribe', async () => {
    const callback = await interact(autocompleteInteraction('subscribe', 'timezone', 'berlin'));
    expect(callback.body.data.choices).toContainEqual({ name: 'Europe/Berlin', value: 'Europe/Berlin' });
  });
});

describe('digest subscription subcommands', () => {
  it('defers, hands the composed command to the digest feature, then edits the reply', async () => {
    const before = subscriptions.calls.length;
    const payload = chatInputInteraction(
      'subscribe',
      { kind: 'weekly', time: '08:30', timezone: 'Europe/Berlin', weekday: 'friday' },
      { manager: true },
    );
    const callback = await interact(payload);
    expect(callback.body).toEqual({
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      data: { flags: 0 },
    });
    const edit = await stub.waitForRequest(
      (request) =>
        request.method === 'PATCH' &&
        request.path === `/webhooks/${IDS.application}/${payload.token}/messages/@original`,
    );
    expect(edit.body.allowed_mentions).toEqual(NO_PINGS);
    expect(embedText(edit.body.embeds)).toContain('subscribe weekly 08:30 Europe/Berlin friday');
    expect(subscriptions.calls.slice(before)).toEqual([
      {
        command: 'subscribe',
        args: 'weekly 08:30 Europe/Berlin friday',
        conversation: expect.objectContaining({
          channel: { platform: 'discord', workspace: IDS.guild, channel: IDS.channel },
          userId: IDS.user,
        }),
      },
    ]);
  });

  it('refuses members without Manage Channels, privately, without touching subscriptions', async () => {
    const before = subscriptions.calls.length;
    const callback = await interact(chatInputInteraction('unsubscribe', { kind: 'weekly' }));
    expect(callback.body.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(callback.body.data.flags).toBe(MessageFlags.Ephemeral);
    expect(embedText(callback.body.data.embeds)).toContain('Manage Channels');
    expect(subscriptions.calls.length).toBe(before);
  });

  it('says up front when the bot could not post digests in the channel', async () => {
    const callback = await interact(
      chatInputInteraction(
        'subscribe',
        {},
        { manager: true, appPermissions: BOT_PERMISSIONS & ~PermissionFlagsBits.EmbedLinks },
      ),
    );
    expect(callback.body.data.flags).toBe(MessageFlags.Ephemeral);
    expect(embedText(callback.body.data.embeds)).toContain('Embed Links');
  });

  it('lists subscriptions from a DM, keyed to the DM channel', async () => {
    const before = subscriptions.calls.length;
    const payload = directMessageInteraction('subscriptions');
    const callback = await interact(payload);
    expect(callback.body.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    await stub.waitForRequest((request) => request.method === 'PATCH' && request.path.includes(payload.token));
    expect(subscriptions.calls.slice(before)).toEqual([
      {
        command: 'subscriptions',
        args: '',
        conversation: expect.objectContaining({
          channel: { platform: 'discord', workspace: '@me', channel: IDS.dmChannel },
        }),
      },
    ]);
  });
});

describe('@bot mentions', () => {
  it('replies to the mentioning message, without pinging anyone, and ignores messages that do not mention it', async () => {
    const ignored = mentionMessage('what went GA in 1.31', { mentionsBot: false });
    const question = mentionMessage(`<@${IDS.bot}> @everyone what went GA in 1.31`, { mentionEveryone: true });
    stub.dispatch(GatewayDispatchEvents.MessageCreate, ignored);
    stub.dispatch(GatewayDispatchEvents.MessageCreate, question);
    const reply = await stub.waitForRequest(
      (request) =>
        request.method === 'POST' &&
        request.path === `/channels/${IDS.channel}/messages` &&
        request.body?.message_reference?.message_id === question.id,
    );
    expect(reply.body.message_reference).toMatchObject({ message_id: question.id, fail_if_not_exists: true });
    expect(reply.body.allowed_mentions).toEqual(NO_PINGS);
    expect(JSON.stringify(reply.body)).not.toMatch(/@everyone/);
    expect(embedLimitProblems(reply.body.embeds)).toEqual([]);
    expect(embedText(reply.body.embeds)).toContain('KEP-3836');
    expect(stub.requests.some((request) => request.body?.message_reference?.message_id === ignored.id)).toBe(false);
  });

  it('answers a direct message without any mention', async () => {
    const question = directMessage('who led 1.24');
    stub.dispatch(GatewayDispatchEvents.MessageCreate, question);
    const reply = await stub.waitForRequest((request) => request.body?.message_reference?.message_id === question.id);
    expect(reply.path).toBe(`/channels/${IDS.dmChannel}/messages`);
    expect(reply.body.allowed_mentions).toEqual(NO_PINGS);
    expect(embedText(reply.body.embeds)).toContain('James Laverack');
  });

  it('still answers in the channel when it may not reply (no Read Message History)', async () => {
    stub.refuseReplies = true;
    try {
      const question = mentionMessage(`<@${IDS.bot}> 1.31`);
      const before = stub.requests.length;
      stub.dispatch(GatewayDispatchEvents.MessageCreate, question);
      const posted = await stub.waitForRequest(
        (request) =>
          stub.requests.indexOf(request) >= before && request.method === 'POST' && !request.body?.message_reference,
      );
      expect(posted.path).toBe(`/channels/${IDS.channel}/messages`);
      expect(posted.body.allowed_mentions).toEqual(NO_PINGS);
      expect(embedText(posted.body.embeds)).toContain('Elli');
    } finally {
      stub.refuseReplies = false;
    }
  });

  it('lets only channel managers change subscriptions by mention', async () => {
    const before = subscriptions.calls.length;
    const member = mentionMessage(`<@${IDS.bot}> subscribe weekly`);
    const manager = mentionMessage(`<@${IDS.bot}> subscribe weekly`, { manager: true });
    stub.dispatch(GatewayDispatchEvents.MessageCreate, member);
    const refusal = await stub.waitForRequest((request) => request.body?.message_reference?.message_id === member.id);
    expect(embedText(refusal.body.embeds)).toContain('Manage Channels');
    stub.dispatch(GatewayDispatchEvents.MessageCreate, manager);
    await stub.waitForRequest((request) => request.body?.message_reference?.message_id === manager.id);
    expect(subscriptions.calls.slice(before)).toEqual([
      {
        command: 'subscribe',
        args: 'weekly',
        conversation: expect.objectContaining({
          channel: { platform: 'discord', workspace: IDS.guild, channel: IDS.channel },
        }),
      },
    ]);
  });
});

describe('digest poster', () => {
  const digest: Answer = {
    intent: 'digest',
    title: 'Weekly digest @everyone',
    summary: 'Week 3 of 15.',
    release: '1.37',
    facts: [],
    sections: [],
    links: [],
    suggestions: [],
    footer: 'Data as of test',
  };

  it("posts a digest to a channel through discord.js's REST client, with an enforced nonce against double posts", async () => {
    const before = stub.requests.length;
    await adapter.poster.post({ platform: 'discord', workspace: IDS.guild, channel: IDS.channel }, digest);
    const sent = stub.requests.slice(before);
    expect(sent.map((request) => `${request.method} ${request.path}`)).toEqual([
      `POST /channels/${IDS.channel}/messages`,
    ]);
    const post = sent[0]!;
    expect(post.headers.authorization).toBe(`Bot ${TOKEN}`);
    expect(post.body.allowed_mentions).toEqual(NO_PINGS);
    expect(post.body.embeds[0].title).toBe('Weekly digest @\u200beveryone');
    expect(post.body.enforce_nonce).toBe(true);
    expect(post.body.nonce).toMatch(/^[0-9a-f]{24}$/);
  });

  it('reports Unknown Channel, Missing Permissions/Access and non-text channels as permanent, server errors as transient', async () => {
    stub.failChannel('1100220033004400990', { status: 404, code: 10003, message: 'Unknown Channel' });
    stub.failChannel('1100220033004400991', { status: 403, code: 50013, message: 'Missing Permissions' });
    stub.failChannel('1100220033004400992', { status: 403, code: 50001, message: 'Missing Access' });
    stub.failChannel('1100220033004400993', { status: 502, code: 0, message: 'Bad Gateway' });
    stub.failChannel('1100220033004400995', {
      status: 400,
      code: 50008,
      message: 'Cannot send messages in a non-text channel',
    });
    const post = (channel: string) =>
      adapter.poster.post({ platform: 'discord', workspace: IDS.guild, channel }, digest);
    await expect(post('1100220033004400990')).rejects.toMatchObject({
      name: 'PermanentPostError',
      reason: 'unknown-channel',
    });
    await expect(post('1100220033004400991')).rejects.toMatchObject({
      name: 'PermanentPostError',
      reason: 'missing-permissions',
    });
    await expect(post('1100220033004400992')).rejects.toMatchObject({
      name: 'PermanentPostError',
      reason: 'missing-access',
    });
    await expect(post('1100220033004400995')).rejects.toMatchObject({
      name: 'PermanentPostError',
      reason: 'not-sendable',
    });
    const transient = await post('1100220033004400993').catch((error: unknown) => error);
    expect(transient).toBeInstanceOf(Error);
    expect(transient).not.toBeInstanceOf(PermanentPostError);
  });
});
