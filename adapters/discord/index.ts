import { Events } from 'discord.js';
import type { Config } from '../../src/config.ts';
import type { Logger } from '../../src/log.ts';
import type { BotPort } from '../../src/port.ts';
import { WorkTracker } from '../../src/work-tracker.ts';
import type { RunningAdapter } from '../running-adapter.ts';
import type { ConnectionListener } from '../../src/health.ts';
import { currentAutocomplete } from './autocomplete/index.ts';
import { createDiscordClient, type DiscordClientConfig } from './client.ts';
import { watchGateway } from './connection.ts';
import type { DiscordContext } from './context.ts';
import { registerEvents } from './events/index.ts';
import { createDiscordPoster } from './poster.ts';

export interface DiscordOptions {
  config: Pick<Config, 'DISCORD_TOKEN'> & DiscordClientConfig;
  bot: BotPort;
  logger: Logger;
  /** Told when the gateway session is lost and when it is back. */
  onConnectionChange?: ConnectionListener;
}

/**
 * Connects to Discord and answers `/k8s-release` and mentions until stopped. Resolves once the gateway
 * session is ready, so a resolved adapter is a connected one.
 */
export async function startDiscord({
  config,
  bot,
  logger,
  onConnectionChange,
}: DiscordOptions): Promise<RunningAdapter> {
  if (!config.DISCORD_TOKEN)
    throw new Error('DISCORD_TOKEN is required to start the Discord adapter (see .env.example)');
  const client = createDiscordClient(config);
  const log = logger.child({ platform: 'discord' });
  const work = new WorkTracker();
  const context: DiscordContext = { bot, logger: log, work, autocomplete: currentAutocomplete(bot) };

  registerEvents(client, context);
  client.on(Events.Error, (error) => log.error({ err: error }, 'discord: client error'));
  client.on(Events.Warn, (message) => log.warn(message));
  if (onConnectionChange) watchGateway(client, onConnectionChange);

  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(config.DISCORD_TOKEN);
    await ready;
  } catch (error) {
    await client.destroy();
    throw error;
  }

  return {
    platform: 'discord',
    poster: createDiscordPoster(client.rest),
    stop: async () => {
      await work.drain();
      await client.destroy();
      log.info('discord: disconnected');
    },
  };
}
