import { Events } from 'discord.js';
import type { DiscordEvent } from './event.ts';

export const ready: DiscordEvent<typeof Events.ClientReady> = {
  name: Events.ClientReady,
  once: true,
  execute: async (context, client) => {
    const { shards, shardCount } = client.options;
    const connected = { user: client.user.tag, guilds: client.guilds.cache.size, shards, shardCount };
    context.logger.info(connected, 'discord: connected');
  },
};
