import {
  DiscordAPIError,
  Events,
  PermissionFlagsBits,
  RESTJSONErrorCodes,
  type Message,
  type MessageCreateOptions,
} from 'discord.js';
import { NO_MENTIONS } from '../client.ts';
import { answerToEmbeds } from '../render/embeds.ts';
import { conversationOf } from '../respond.ts';
import type { DiscordEvent } from './event.ts';
import { singleSpaced } from '../../../src/domain/plain-text.ts';

/** The question without the bot's own mention (`<@id>` or the legacy nickname form `<@!id>`). */
export function stripBotMention(content: string, botId: string): string {
  return singleSpaced(content.replace(new RegExp(`<@!?${botId}>`, 'g'), ' '));
}

const CHANGES_SUBSCRIPTION = /^(?:un)?subscribe\b/i;

/** Mentions follow the same rule as the slash command: only channel managers change a channel's digests. */
function mayChangeSubscription(message: Message): boolean {
  if (!message.inGuild()) return true;
  return message.member?.permissionsIn(message.channel).has(PermissionFlagsBits.ManageChannels) ?? false;
}

/** A reply needs Read Message History; without it the answer still goes to the channel, just unthreaded. */
async function replyOrPost(message: Message, payload: MessageCreateOptions): Promise<void> {
  try {
    await message.reply(payload);
  } catch (error) {
    const cannotReply =
      error instanceof DiscordAPIError &&
      error.code === RESTJSONErrorCodes.CannotReplyWithoutPermissionToReadMessageHistory;
    if (!cannotReply || !message.channel.isSendable()) throw error;
    await message.channel.send(payload);
  }
}

export const messageCreate: DiscordEvent<typeof Events.MessageCreate> = {
  name: Events.MessageCreate,
  execute: async (context, message) => {
    if (message.author.bot || message.webhookId || message.system) return;
    const botId = message.client.user.id;
    // In a server the bot only sees (and only answers) messages that mention it; DMs are all for it.
    if (message.inGuild() && !message.mentions.users.has(botId)) return;

    const question = stripBotMention(message.content, botId);
    const log = context.logger.child({ message: message.id, guild: message.guildId });
    try {
      const answer =
        CHANGES_SUBSCRIPTION.test(question) && !mayChangeSubscription(message)
          ? context.bot.notice("Changing this channel's digests needs the Manage Channels permission.")
          : await context.bot.handle(
              question,
              conversationOf({ guildId: message.guildId, channelId: message.channelId, user: message.author }),
            );
      await replyOrPost(message, { embeds: answerToEmbeds(answer), allowedMentions: NO_MENTIONS });
      log.debug('discord: answered mention');
    } catch (error) {
      log.error({ err: error }, 'discord: mention reply failed');
    }
  },
};
