import type { Logger as BoltLogger, webApi } from '@slack/bolt';
import type { ChannelRef } from '../../src/domain/channel.ts';
import type { BotPort, Conversation } from '../../src/port.ts';
import type { WorkTracker } from '../../src/work-tracker.ts';
import type { WorkspaceAccess } from './oauth/access.ts';
import { answerToBlocks, type SlackMessage } from './render/answer-blocks.ts';
import { failureReply } from './render/failure-reply.ts';
import { sharedReply, type SharedReply } from './render/shared-reply.ts';
import { slashReply, type SlashReply } from './render/slash-reply.ts';
import { decodeShareValue, encodeShareValue } from './share-value.ts';

/** The part of the bot's port Slack uses (tests substitute slow or failing bots). */
export type SlackBot = Pick<BotPort, 'handle' | 'now'>;

export interface ListenerDeps {
  bot: SlackBot;
  /** The workspaces the app is installed in: uninstalls and revoked tokens are reported here. */
  workspaces: Pick<WorkspaceAccess, 'uninstall' | 'forgetUserToken'>;
  /** Replies still being sent; the Share button's runs are keyed so a double click answers once. */
  inFlight: WorkTracker;
  /** A slash command answered slower than this is acked empty and answered through response_url. */
  ackDeadlineMs: number;
}

export const slackChannel = (workspace: string | undefined, channel: string): ChannelRef => ({
  platform: 'slack',
  workspace: workspace ?? 'unknown',
  channel,
});

/** The ephemeral reply to a slash command; subscription changes get no Share button (re-asking would repeat them). */
export async function slashCommandReply(
  bot: SlackBot,
  question: string,
  conversation: Conversation & { now: Date },
  logger: BoltLogger,
): Promise<SlashReply | ReturnType<typeof failureReply>> {
  try {
    const answer = await bot.handle(question, conversation);
    return slashReply(answer, answer.intent === 'subscription' ? null : encodeShareValue(question, conversation.now));
  } catch (error) {
    logger.error('slash command failed', error);
    return failureReply();
  }
}

/** The answer to a mention or direct message, as a chat message. */
export async function messageReply(
  bot: SlackBot,
  question: string,
  conversation: Conversation,
  logger: BoltLogger,
): Promise<SlackMessage> {
  try {
    return answerToBlocks(await bot.handle(question, conversation));
  } catch (error) {
    logger.error('answering a message failed', error);
    return { text: failureReply().text, blocks: [] };
  }
}

/**
 * The in-channel copy behind a Share button; null when the button's value is unusable, a private
 * note when answering failed (the button stays, so the user can try again).
 */
export async function shareReply(
  bot: SlackBot,
  value: string | undefined,
  conversation: Conversation,
  logger: BoltLogger,
): Promise<SharedReply | (ReturnType<typeof failureReply> & { replace_original: false }) | null> {
  const shared = decodeShareValue(value);
  if (!shared) return null;
  try {
    return sharedReply(await bot.handle(shared.question, { ...conversation, now: shared.now }));
  } catch (error) {
    logger.error('sharing an answer failed', error);
    return { ...failureReply(), replace_original: false };
  }
}

export async function postMessage(
  client: webApi.WebClient,
  channel: string,
  threadTs: string | undefined,
  message: SlackMessage,
): Promise<void> {
  await client.chat.postMessage({
    channel,
    ...(threadTs ? { thread_ts: threadTs } : {}),
    text: message.text,
    ...(message.blocks.length ? { blocks: message.blocks } : {}),
    unfurl_links: false,
    unfurl_media: false,
  });
}

/** The slash command's ack deadline race (listeners import it from here). */
export { settlesWithin } from '../../src/settles-within.ts';
