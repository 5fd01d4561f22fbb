import { webApi } from '@slack/bolt';
import type { ChannelRef } from '../../src/domain/channel.ts';
import type { Answer } from '../../src/domain/answer.ts';
import { PermanentPostError, type DigestPoster, type PostOptions } from '../../src/digest/poster.ts';
import { unlessAborted } from '../abort.ts';
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
  return candidate?.code === 'slack_webapi_platform_error' && typeof candidate.data?.error === 'string' ? candidate.data.error : null;
}

export interface SlackPosterOptions {
  /** The bot token (xoxb-…). */
  token: string;
  /** The same Web API client options the Bolt app uses (API URL, retries, timeout, logger). */
  clientOptions: webApi.WebClientOptions;
}

/**
 * A Web API client whose every HTTP request carries `signal`. @slack/web-api 7 takes no per-call signal
 * or timeout, only per-client options, so each digest gets its own short-lived client.
 */
function clientFor(token: string, clientOptions: webApi.WebClientOptions, signal: AbortSignal | undefined): webApi.WebClient {
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

/**
 * Posts scheduled digests to Slack channels through the Web API.
 *
 * The scheduler's abort signal reaches the HTTP request: a post whose signal is already aborted never
 * starts, an abort cancels the request in flight (and makes any retry of it fail before it is sent), and
 * the post rejects with the signal's reason at once, even while the client sleeps out a rate limit.
 * Residual risk: Slack has no idempotency key for chat.postMessage, so a request Slack had already
 * received when the abort came may still be posted, and the scheduler's retry then posts the digest again.
 */
export function createSlackPoster({ token, clientOptions }: SlackPosterOptions): DigestPoster {
  return {
    platform: 'slack',
    async post(channel: ChannelRef, answer: Answer, { signal }: PostOptions = {}): Promise<void> {
      signal?.throwIfAborted();
      const { text, blocks } = answerToBlocks(answer);
      const client = clientFor(token, clientOptions, signal);
      try {
        await unlessAborted(client.chat.postMessage({ channel: channel.channel, text, blocks, unfurl_links: false, unfurl_media: false }), signal);
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        const reason = platformError(error);
        if (reason && PERMANENT_ERRORS.has(reason)) {
          throw new PermanentPostError(`Slack refused the digest for channel ${channel.channel}: ${reason}`, reason);
        }
        throw error;
      }
    },
  };
}
