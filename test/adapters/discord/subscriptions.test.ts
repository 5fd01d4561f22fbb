import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GatewayDispatchEvents } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscord } from '../../../adapters/discord/index.ts';
import { Bot } from '../../../src/bot.ts';
import { loadDataset } from '../../../src/data/load.ts';
import { createSubscriptionCommands, openStore, type SubscriptionStore } from '../../../src/digest/index.ts';
import { silentLogger } from '../../../src/log.ts';
import type { RunningAdapter } from '../../../adapters/running-adapter.ts';
import { embedLimitProblems, embedText } from './support/limits.ts';
import { chatInputInteraction, IDS } from './support/payloads.ts';
import { StubDiscord, type RecordedRequest } from './support/stubDiscord.ts';

/** The real digest feature (SQLite in a temporary directory) behind the slash command's subscription subcommands. */
let dataDir: string;
let store: SubscriptionStore;
let stub: StubDiscord;
let adapter: RunningAdapter;
const channel = { platform: 'discord' as const, workspace: IDS.guild, channel: IDS.channel };

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'discord-subscriptions-'));
  store = await openStore({ dataDir });
  const dataset = loadDataset();
  const bot = new Bot(dataset, {
    subscriptions: createSubscriptionCommands(store, dataset),
    clock: () => new Date('2026-09-01T12:00:00Z'),
  });
  stub = await StubDiscord.start();
  adapter = await startDiscord({
    config: { DISCORD_TOKEN: 'stub-token', DISCORD_API_URL: stub.apiUrl },
    bot,
    logger: silentLogger,
  });
});

afterAll(async () => {
  await adapter?.stop();
  await stub?.close();
  store?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Runs a deferred subcommand and returns the edited reply. */
async function run(subcommand: string, options: Record<string, string> = {}): Promise<RecordedRequest> {
  const payload = chatInputInteraction(subcommand, options, { manager: true });
  stub.dispatch(GatewayDispatchEvents.InteractionCreate, payload);
  return stub.waitForRequest(
    (request) =>
      request.method === 'PATCH' && request.path === `/webhooks/${IDS.application}/${payload.token}/messages/@original`,
  );
}

describe('digest subscriptions from Discord, end to end', () => {
  it('subscribe with every option stores exactly those settings for this channel', async () => {
    const reply = await run('subscribe', {
      kind: 'weekly',
      time: '08:30',
      timezone: 'Europe/Berlin',
      weekday: 'friday',
    });
    expect(embedLimitProblems(reply.body.embeds)).toEqual([]);
    expect(await store.find(channel)).toMatchObject({
      kind: 'weekly',
      time: '08:30',
      timeZone: 'Europe/Berlin',
      weekday: 5,
    });
    expect(embedText(reply.body.embeds)).toContain('Europe/Berlin');
  });

  it('subscriptions shows it, unsubscribe removes it', async () => {
    const status = await run('subscriptions');
    expect(embedText(status.body.embeds)).toMatch(/weekly/i);
    await run('unsubscribe', {});
    expect(await store.find(channel)).toBeNull();
  });

  it('an unknown time zone gets the digest feature’s clear reply and stores nothing', async () => {
    const reply = await run('subscribe', { timezone: 'Mars/Olympus_Mons' });
    expect(embedText(reply.body.embeds)).toContain('Mars/Olympus\\_Mons');
    expect(await store.find(channel)).toBeNull();
  });
});
