import { Client, GatewayIntentBits, Partials, type MessageMentionOptions } from 'discord.js';
import type { Config } from '../../src/config.ts';

/** The bot never pings anyone: no parsed mentions and no ping of the author it replies to. */
export const NO_MENTIONS: MessageMentionOptions = { parse: [], repliedUser: false };

/**
 * A discord.js client with only the intents the bot needs. No privileged MessageContent intent: Discord
 * still delivers the content of DMs and of messages that mention the bot, which is all it answers.
 */
export function createDiscordClient(config: Pick<Config, 'DISCORD_API_URL'>): Client {
  return new Client({
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
