import type { Client, ClientEvents } from 'discord.js';
import type { DiscordContext } from '../context.ts';

/** One client event and its handler, as in discord.js's create-discord-bot template. */
export interface DiscordEvent<Name extends keyof ClientEvents> {
  name: Name;
  once?: boolean;
  execute(context: DiscordContext, ...args: ClientEvents[Name]): Promise<void>;
}

/** Subscribes the handler; each run is tracked so shutdown waits for replies in flight. */
export function listen<Name extends keyof ClientEvents>(
  client: Client,
  context: DiscordContext,
  event: DiscordEvent<Name>,
): void {
  const handler = (...args: ClientEvents[Name]) =>
    context.work.run(() =>
      event
        .execute(context, ...args)
        .catch((error: unknown) => context.logger.error({ err: error, event: event.name }, 'discord: handler failed')),
    );
  if (event.once) client.once(event.name, handler);
  else client.on(event.name, handler);
}
