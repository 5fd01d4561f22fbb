import type { Client } from 'discord.js';
import type { DiscordContext } from '../context.ts';
import { listen } from './event.ts';
import { interactionCreate } from './interactionCreate.ts';
import { messageCreate } from './messageCreate.ts';
import { ready } from './ready.ts';

/** Every client event the bot handles, registered in one place. */
export function registerEvents(client: Client, context: DiscordContext): void {
  listen(client, context, ready);
  listen(client, context, interactionCreate);
  listen(client, context, messageCreate);
}
