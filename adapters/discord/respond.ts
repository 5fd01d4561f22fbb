import { MessageFlags, type ChatInputCommandInteraction, type RepliableInteraction } from 'discord.js';
import type { Answer } from '../../src/domain/answer.ts';
import type { Conversation, Query } from '../../src/port.ts';
import { NO_MENTIONS } from './client.ts';
import type { DiscordContext } from './context.ts';
import { answerToEmbeds } from './render/embeds.ts';

/** Direct messages have no guild; "@me" is Discord's own name for that space. */
const DIRECT_MESSAGES_WORKSPACE = '@me';

export function conversationOf(source: {
  guildId: string | null;
  channelId: string | null;
  user: { id: string };
}): Conversation {
  return {
    userId: source.user.id,
    ...(source.channelId
      ? {
          channel: {
            platform: 'discord' as const,
            workspace: source.guildId ?? DIRECT_MESSAGES_WORKSPACE,
            channel: source.channelId,
          },
        }
      : {}),
  };
}

/**
 * Questions: the engine answers in well under a millisecond, so the reply goes out directly. A Query
 * built from options goes through Bot.ask; text through Bot.handle (the router reads it).
 */
export async function replyWithAnswer(
  interaction: ChatInputCommandInteraction,
  asked: string | Query,
  context: DiscordContext,
  visibility: { private: boolean },
): Promise<void> {
  const conversation = conversationOf(interaction);
  const answer =
    typeof asked === 'string'
      ? await context.bot.handle(asked, conversation)
      : await context.bot.ask(asked, conversation);
  await interaction.reply({
    embeds: answerToEmbeds(answer),
    allowedMentions: NO_MENTIONS,
    ...(visibility.private ? { flags: MessageFlags.Ephemeral } : {}),
  });
}

/** Subscription management touches storage, which may outlast the 3-second window: defer first. */
export async function replyAfterDeferring(
  interaction: ChatInputCommandInteraction,
  text: string,
  context: DiscordContext,
): Promise<void> {
  await interaction.deferReply();
  const answer = await context.bot.handle(text, conversationOf(interaction));
  await interaction.editReply({ embeds: answerToEmbeds(answer), allowedMentions: NO_MENTIONS });
}

/** A short notice only the user sees (bad input, missing permission, failures). */
export async function replyPrivately(interaction: RepliableInteraction, answer: Answer): Promise<void> {
  const payload = { embeds: answerToEmbeds(answer), allowedMentions: NO_MENTIONS };
  if (interaction.deferred || interaction.replied) await interaction.editReply(payload);
  else await interaction.reply({ ...payload, flags: MessageFlags.Ephemeral });
}
