import { createHash, randomBytes } from 'node:crypto';
import {
  DiscordAPIError,
  RESTJSONErrorCodes,
  Routes,
  type REST,
  type RESTPostAPIChannelMessageJSONBody,
} from 'discord.js';
import type { ChannelRef } from '../../src/domain/channel.ts';
import type { Answer } from '../../src/domain/answer.ts';
import { PermanentPostError, type DigestPoster, type PostOptions } from '../../src/digest/poster.ts';
import { platformCall } from '../abort.ts';
import { answerToEmbeds } from './render/embeds.ts';

/** Discord errors that retrying cannot fix: the channel or guild is gone, or the bot may not post there. */
const PERMANENT_ERRORS = new Map<number, string>([
  [RESTJSONErrorCodes.UnknownChannel, 'unknown-channel'],
  [RESTJSONErrorCodes.UnknownGuild, 'unknown-guild'],
  [RESTJSONErrorCodes.MissingAccess, 'missing-access'],
  [RESTJSONErrorCodes.MissingPermissions, 'missing-permissions'],
  [RESTJSONErrorCodes.CannotSendMessagesToThisUser, 'cannot-message-user'],
  [RESTJSONErrorCodes.CannotSendMessagesInNonTextChannel, 'not-sendable'],
]);

/** A refusal retrying cannot fix as a PermanentPostError (the scheduler pauses the subscription); else the error. */
function refused(ref: ChannelRef, error: unknown): unknown {
  const reason =
    error instanceof DiscordAPIError && typeof error.code === 'number' ? PERMANENT_ERRORS.get(error.code) : undefined;
  if (!reason) return error;
  return new PermanentPostError(
    `Discord refused the digest for channel ${ref.channel}: ${error instanceof Error ? error.message : String(error)}`,
    reason,
  );
}

/** The REST form of NO_MENTIONS: the bot never pings anyone. */
const ALLOWED_MENTIONS = {
  parse: [],
  replied_user: false,
} satisfies RESTPostAPIChannelMessageJSONBody['allowed_mentions'];

/** Discord's nonce holds at most 25 characters: a digest of the occurrence key, the same on every attempt. */
export const occurrenceNonce = (occurrenceKey: string): string =>
  createHash('sha256').update(occurrenceKey).digest('base64url').slice(0, 25);

/** The message a digest becomes. */
function digestMessage(answer: Answer, occurrenceKey: string | undefined): RESTPostAPIChannelMessageJSONBody {
  return {
    embeds: answerToEmbeds(answer),
    allowed_mentions: ALLOWED_MENTIONS,
    // The REST client re-sends a POST after its own request timeout or a reset connection, when the first
    // attempt may have landed; with an enforced nonce Discord returns that message instead of a second one.
    // Derived from the occurrence, so the scheduler's own later attempts (a takeover, a retry) carry the same
    // nonce too; Discord remembers nonces for a few minutes only.
    nonce: occurrenceKey ? occurrenceNonce(occurrenceKey) : randomBytes(12).toString('hex'),
    enforce_nonce: true,
  };
}

/**
 * Posts scheduled digests through discord.js's REST client (whose queue already waits out 429s), with the
 * scheduler's abort signal: an aborted post leaves the route's queue or cancels its request in flight, and
 * rejects with the signal's reason at once, even while the queue sleeps out a rate limit. A request
 * Discord had already received when the abort came may still be posted. Permanent refusals become
 * PermanentPostError so the scheduler can pause the subscription; anything else is transient.
 */
export function createDiscordPoster(rest: REST): DigestPoster {
  return {
    platform: 'discord',
    async post(ref: ChannelRef, answer: Answer, { signal, occurrenceKey }: PostOptions = {}): Promise<void> {
      if (ref.platform !== 'discord')
        throw new PermanentPostError(
          `channel ${ref.channel} belongs to ${ref.platform}, not Discord`,
          'wrong-platform',
        );
      signal?.throwIfAborted();
      await platformCall(
        rest.post(Routes.channelMessages(ref.channel), { body: digestMessage(answer, occurrenceKey), signal }),
        signal,
        (error) => refused(ref, error),
      );
    },
  };
}
