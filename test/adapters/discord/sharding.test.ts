import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GatewayCloseCodes, GatewayDispatchEvents, GatewayOpcodes } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../../adapters/app.ts';
import { GATEWAY_LOST } from '../../../adapters/discord/connection.ts';
import { startDiscord } from '../../../adapters/discord/index.ts';
import type { RunningAdapter } from '../../../adapters/running-adapter.ts';
import { Bot } from '../../../src/bot.ts';
import { ConfigError, discordShards, loadConfig } from '../../../src/config.ts';
import { loadDataset } from '../../../src/data/load.ts';
import { HEALTH_PATHS } from '../../../src/health.ts';
import { silentLogger } from '../../../src/log.ts';
import { embedText } from './support/limits.ts';
import { guildOnShard, HOME, IDS, mentionMessage, shardOfGuild, type GuildPlace } from './support/payloads.ts';
import { StubDiscord, type RecordedRequest } from './support/stubDiscord.ts';

const TOKEN = 'MTI4Mzc0NjUxMjAzOTQ4NTc2Mg.GzT3st.not-a-real-token-just-for-the-stub';
const DISCORD = { DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: IDS.application };
/** A guild on the other of two shards than HOME, so each shard carries one guild. */
const OTHER = guildOnShard(1 - shardOfGuild(HOME.guild, 2), 2);
const bot = new Bot(loadDataset(), { clock: () => new Date('2026-09-01T12:00:00Z') });

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected loadConfig to reject this environment');
}

describe('shard settings in the config schema', () => {
  it('unset: one unsharded gateway session, as before', () => {
    expect(discordShards(loadConfig(DISCORD))).toBeNull();
  });

  it('a count alone owns every shard; ids pick this replica’s', () => {
    const shardsOf = (env: NodeJS.ProcessEnv) => discordShards(loadConfig({ ...DISCORD, ...env }));
    expect(shardsOf({ DISCORD_SHARD_COUNT: '3' })).toEqual({ shards: [0, 1, 2], shardCount: 3 });
    expect(shardsOf({ DISCORD_SHARD_COUNT: '4', DISCORD_SHARD_IDS: '1, 3' })).toEqual({
      shards: [1, 3],
      shardCount: 4,
    });
  });

  it.each([
    [{ DISCORD_SHARD_COUNT: '0' }, /^DISCORD_SHARD_COUNT must be a whole number of shards, 1 or more/],
    [{ DISCORD_SHARD_COUNT: 'two' }, /^DISCORD_SHARD_COUNT must be a whole number of shards/],
    [
      { DISCORD_SHARD_COUNT: '2', DISCORD_SHARD_IDS: '0;1' },
      /^DISCORD_SHARD_IDS must be shard numbers separated by comma/,
    ],
    [{ DISCORD_SHARD_COUNT: '2', DISCORD_SHARD_IDS: '1,1' }, /^DISCORD_SHARD_IDS names a shard twice/],
    [
      { DISCORD_SHARD_COUNT: '2', DISCORD_SHARD_IDS: '1,2' },
      /^DISCORD_SHARD_IDS names shard 2, outside DISCORD_SHARD_COUNT=2 \(.+0 to 1/,
    ],
    [{ DISCORD_SHARD_IDS: '0' }, /^DISCORD_SHARD_COUNT is required when DISCORD_SHARD_IDS is set/],
  ])('%o is refused with a message naming the variable', (shardEnv, message) => {
    expect(problemsOf({ ...DISCORD, ...shardEnv })).toEqual([expect.stringMatching(message)]);
  });
});

describe('two replicas, each owning one of two shards (discord.js against the stub gateway)', () => {
  let stub: StubDiscord;
  const adapters: RunningAdapter[] = [];

  async function start(shards: { DISCORD_SHARD_COUNT?: number; DISCORD_SHARD_IDS?: number[] }): Promise<void> {
    const config = { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: stub.apiUrl, ...shards };
    adapters.push(await startDiscord({ config, bot, logger: silentLogger }));
  }

  beforeEach(async () => {
    stub = await StubDiscord.start();
    stub.guilds.push(OTHER);
  });
  afterEach(async () => {
    await Promise.all(adapters.splice(0).map((adapter) => adapter.stop()));
    await stub.close();
  });

  const repliesTo = (messageId: string): RecordedRequest[] =>
    stub.requests.filter((request) => request.body?.message_reference?.message_id === messageId);

  /** Mentions the bot in `place`; waits for the first reply, then long enough for a duplicate to arrive. */
  async function mention(place: GuildPlace): Promise<RecordedRequest[]> {
    const question = mentionMessage(`<@${IDS.bot}> when is 1.31 released`, { place });
    stub.dispatch(GatewayDispatchEvents.MessageCreate, question);
    await stub.waitForRequest((request) => request.body?.message_reference?.message_id === question.id);
    await new Promise((resolve) => setTimeout(resolve, 300));
    return repliesTo(question.id);
  }

  it('the two guilds sit on different shards by Discord’s rule', () => {
    expect([shardOfGuild(HOME.guild, 2), shardOfGuild(OTHER.guild, 2)].sort()).toEqual([0, 1]);
    // By hand: 1100220033004400550 >> 22 = 262312896967, odd, so HOME is on shard 1 of 2.
    expect(shardOfGuild(HOME.guild, 2)).toBe(1);
  });

  it('each replica identifies its own shard, and each mention is answered exactly once, in its channel', async () => {
    await Promise.all([0, 1].map((shard) => start({ DISCORD_SHARD_COUNT: 2, DISCORD_SHARD_IDS: [shard] })));
    expect(stub.identifies.map((identify) => identify.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(stub.connectedShards).toEqual(['0/2', '1/2']);

    for (const place of [HOME, OTHER]) {
      const replies = await mention(place);
      expect(replies).toHaveLength(1);
      expect(replies[0]!.path).toBe(`/channels/${place.channel}/messages`);
      expect(embedText(replies[0]!.body.embeds)).toContain('1.31');
    }
  });

  it('without sharding, two replicas both answer the same mention (the problem sharding solves)', async () => {
    await Promise.all([start({}), start({})]);
    expect(await mention(HOME)).toHaveLength(2);
  });
});

describe('/readyz follows every shard this replica owns', () => {
  let stub: StubDiscord;
  let app: App;

  /** /readyz of the app's health server: the status code and the reason it names. */
  async function readiness(): Promise<{ code: number; status: string }> {
    const response = await fetch(`http://127.0.0.1:${app.healthPort}${HEALTH_PATHS.readiness}`);
    return { code: response.status, status: ((await response.json()) as { status: string }).status };
  }

  beforeEach(async () => {
    stub = await StubDiscord.start();
    stub.maxConcurrency = 2; // both shards identify at once, as a large bot's session_start_limit allows
    stub.guilds.push(OTHER);
    app = await startApp({
      env: {
        ...DISCORD,
        DISCORD_API_URL: stub.apiUrl,
        DISCORD_SHARD_COUNT: '2',
        DATA_DIR: mkdtempSync(path.join(tmpdir(), 'discord-shards-')),
        PORT: '0',
      },
      logger: silentLogger,
      digestCron: false,
    });
  });
  afterEach(async () => {
    await app?.stop();
    await stub?.close();
  });

  it('200 with both shards up; one shard lost is 503 though the other stays connected; 200 when it resumes', async () => {
    expect(stub.connectedShards).toEqual(['0/2', '1/2']);
    expect(await readiness()).toEqual({ code: 200, status: 'ok' });

    stub.holdSessions = true;
    stub.dropGateway(GatewayCloseCodes.UnknownError, 1);
    await expect.poll(readiness).toEqual({ code: 503, status: GATEWAY_LOST });
    await stub.waitForGatewayOp(GatewayOpcodes.Resume);
    expect(stub.connectedShards).toEqual(['0/2']);
    expect(await readiness()).toEqual({ code: 503, status: GATEWAY_LOST });

    stub.releaseSessions();
    await expect.poll(readiness).toEqual({ code: 200, status: 'ok' });
    expect(stub.connectedShards).toEqual(['0/2', '1/2']);
  });
});
