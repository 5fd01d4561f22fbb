import { Client, GatewayIntentBits, Partials, type MessageMentionOptions } from 'discord.js';
import { discordShards, type Config } from '../../src/config.ts';

/** The bot never pings anyone: no parsed mentions and no ping of the author it replies to. */
export const NO_MENTIONS: MessageMentionOptions = { parse: [], repliedUser: false };

export type DiscordClientConfig = Pick<Config, 'DISCORD_API_URL' | 'DISCORD_SHARD_COUNT' | 'DISCORD_SHARD_IDS'>;

/**
 * A discord.js client with only the intents the bot needs. No privileged MessageContent intent: Discord
 * still delivers the content of DMs and of messages that mention the bot, which is all it answers.
 */
export function createDiscordClient(config: DiscordClientConfig): Client {
  return new Client({
    // Only the shards this replica owns: Discord sends each guild's events to exactly one shard.
    ...discordShards(config),
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
    // DM channels are never in the cache before their first message arrives.
    partials: [Partials.Channel],
    allowedMentions: NO_MENTIONS,
    rest: restOptions(config),
  });
}

/** DISCORD_API_URL replaces https://discord.com/api (the version segment is added by discord.js). */
export function restOptions(config: Pick<Config, 'DISCORD_API_URL'>): { api?: string } {
  return config.DISCORD_API_URL ? { api: config.DISCORD_API_URL.replace(/\/+$/, '') } : {};
}
