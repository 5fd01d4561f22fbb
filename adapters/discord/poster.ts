import { DiscordAPIError, RESTJSONErrorCodes, type Client } from 'discord.js';
import type { ChannelRef } from '../../src/bot.ts';
import type { Answer } from '../../src/domain/answer.ts';
import { PermanentPostError, type DigestPoster } from '../../src/digest/poster.ts';
import { NO_MENTIONS } from './client.ts';
import { answerToEmbeds } from './render/embeds.ts';

/** Discord errors that retrying cannot fix: the channel or guild is gone, or the bot may not post there. */
const PERMANENT_ERRORS = new Map<number, string>([
  [RESTJSONErrorCodes.UnknownChannel, 'unknown-channel'],
  [RESTJSONErrorCodes.UnknownGuild, 'unknown-guild'],
  [RESTJSONErrorCodes.MissingAccess, 'missing-access'],
  [RESTJSONErrorCodes.MissingPermissions, 'missing-permissions'],
  [RESTJSONErrorCodes.CannotSendMessagesToThisUser, 'cannot-message-user'],
]);

/**
 * Posts scheduled digests through discord.js (whose REST queue already waits out 429s). Permanent
 * refusals become PermanentPostError so the scheduler can pause the subscription; anything else is transient.
 */
export function createDiscordPoster(client: Client): DigestPoster {
  return {
    platform: 'discord',
    async post(ref: ChannelRef, answer: Answer): Promise<void> {
      if (ref.platform !== 'discord') throw new PermanentPostError(`channel ${ref.channel} belongs to ${ref.platform}, not Discord`, 'wrong-platform');
      try {
        const channel = await client.channels.fetch(ref.channel);
        if (!channel?.isSendable()) throw new PermanentPostError(`Discord channel ${ref.channel} cannot receive messages`, 'not-sendable');
        await channel.send({ embeds: answerToEmbeds(answer), allowedMentions: NO_MENTIONS });
      } catch (error) {
        const reason = error instanceof DiscordAPIError && typeof error.code === 'number' ? PERMANENT_ERRORS.get(error.code) : undefined;
        if (reason) throw new PermanentPostError(`Discord refused the digest for channel ${ref.channel}: ${error instanceof Error ? error.message : String(error)}`, reason);
        throw error;
      }
    },
  };
}
