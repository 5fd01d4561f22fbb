import { webApi } from '@slack/bolt';
import type { ChannelRef } from '../../src/domain/channel.ts';
import type { Answer } from '../../src/domain/answer.ts';
import { PermanentPostError, type DigestPoster, type PostOptions } from '../../src/digest/poster.ts';
import { platformCall } from '../abort.ts';
import { NotInstalledError } from './oauth/workspaces.ts';
import { answerToBlocks } from './render/answer-blocks.ts';

/** Slack errors that retrying cannot fix: the bot lost access to the channel or the workspace. */
const PERMANENT_ERRORS = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'account_inactive',
  'missing_scope',
  'not_authed',
  'invalid_auth',
  'token_revoked',
  'token_expired',
  'no_permission',
  'restricted_action',
  'team_access_not_granted',
  'ekm_access_denied',
]);

function platformError(error: unknown): string | null {
  const candidate = error as { code?: unknown; data?: { error?: unknown } } | null;
  return candidate?.code === 'slack_webapi_platform_error' && typeof candidate.data?.error === 'string'
    ? candidate.data.error
    : null;
}

export interface SlackPosterOptions {
  /** The bot token (xoxb-…), or where to get the token of a channel's workspace (one per installation). */
  token: string | ((workspace: string) => Promise<string>);
  /** The same Web API client options the Bolt app uses (API URL, retries, timeout, logger). */
  clientOptions: webApi.WebClientOptions;
}

/**
 * A Web API client whose every HTTP request carries `signal`. @slack/web-api 7 takes no per-call signal
 * or timeout, only per-client options, so each digest gets its own short-lived client.
 */
function clientFor(
  token: string,
  clientOptions: webApi.WebClientOptions,
  signal: AbortSignal | undefined,
): webApi.WebClient {
  if (!signal) return new webApi.WebClient(token, clientOptions);
  const intercept = clientOptions.requestInterceptor;
  return new webApi.WebClient(token, {
    ...clientOptions,
    requestInterceptor: async (config) => {
      const intercepted = intercept ? await intercept(config) : config;
      intercepted.signal = signal;
      return intercepted;
    },
  });
}

/** Message metadata every digest carries, so a later attempt can find it in the channel's history. */
export const DIGEST_EVENT_TYPE = 'k8s_release_digest';
/** How far back a second attempt looks (conversations.history pages of this size, newest first). */
const HISTORY_PAGE = 200;
const HISTORY_PAGES = 5;

interface HistoryMessage {
  metadata?: { event_type?: string; event_payload?: { occurrence_key?: unknown } };
}

/**
 * Posts scheduled digests to Slack channels through the Web API.
 *
 * The scheduler's abort signal reaches the HTTP request: a post whose signal is already aborted never
 * starts, an abort cancels the request in flight (and makes any retry of it fail before it is sent), and
 * the post rejects with the signal's reason at once, even while the client sleeps out a rate limit.
 * Slack has no idempotency key for chat.postMessage, so each digest carries its occurrence key in message
 * metadata, and a second attempt first looks for it in the channel's history (findPosted).
 */
export function createSlackPoster({ token, clientOptions }: SlackPosterOptions): DigestPoster {
  /** The workspace's token; a workspace the bot is no longer installed in is a permanent failure. */
  const tokenOf = async (channel: ChannelRef): Promise<string> => {
    if (typeof token === 'string') return token;
    try {
      return await token(channel.workspace);
    } catch (error) {
      if (!(error instanceof NotInstalledError)) throw error;
      throw new PermanentPostError(
        `Slack refused the digest for channel ${channel.channel}: ${error.message}`,
        'not_installed',
      );
    }
  };
  const refused = (channel: ChannelRef, error: unknown): unknown => {
    const reason = platformError(error);
    return reason && PERMANENT_ERRORS.has(reason)
      ? new PermanentPostError(`Slack refused the digest for channel ${channel.channel}: ${reason}`, reason)
      : error;
  };
  return {
    platform: 'slack',
    async post(channel: ChannelRef, answer: Answer, { signal, occurrenceKey }: PostOptions = {}): Promise<void> {
      signal?.throwIfAborted();
      const { text, blocks } = answerToBlocks(answer);
      const client = clientFor(await tokenOf(channel), clientOptions, signal);
      const metadata = occurrenceKey
        ? { event_type: DIGEST_EVENT_TYPE, event_payload: { occurrence_key: occurrenceKey } }
        : undefined;
      await platformCall(
        client.chat.postMessage({
          channel: channel.channel,
          text,
          blocks,
          unfurl_links: false,
          unfurl_media: false,
          ...(metadata ? { metadata } : {}),
        }),
        signal,
        (error) => refused(channel, error),
      );
    },
    async findPosted(channel, occurrenceKey, since, { signal } = {}): Promise<boolean> {
      const client = clientFor(await tokenOf(channel), clientOptions, signal);
      let cursor: string | undefined;
      for (let page = 0; page < HISTORY_PAGES; page++) {
        const response: { messages?: HistoryMessage[]; response_metadata?: { next_cursor?: string } } =
          await platformCall(
            client.conversations.history({
              channel: channel.channel,
              oldest: String(Math.floor(since.getTime() / 1000) - 60),
              include_all_metadata: true,
              limit: HISTORY_PAGE,
              ...(cursor ? { cursor } : {}),
            }),
            signal,
            (error) => refused(channel, error),
          );
        const found = (response.messages ?? []).some(
          (message) =>
            message.metadata?.event_type === DIGEST_EVENT_TYPE &&
            message.metadata.event_payload?.occurrence_key === occurrenceKey,
        );
        if (found) return true;
        cursor = response.response_metadata?.next_cursor || undefined;
        if (!cursor) return false;
      }
      return false;
    },
  };
}
