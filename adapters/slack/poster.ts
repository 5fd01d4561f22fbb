import type { webApi } from '@slack/bolt';
import type { ChannelRef } from '../../src/bot.ts';
import type { Answer } from '../../src/domain/answer.ts';
import { PermanentPostError, type DigestPoster } from '../../src/digest/poster.ts';
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

/** Posts scheduled digests to Slack channels through the Web API. */
export function createSlackPoster(client: webApi.WebClient): DigestPoster {
  return {
    platform: 'slack',
    async post(channel: ChannelRef, answer: Answer): Promise<void> {
      const { text, blocks } = answerToBlocks(answer);
      try {
        await client.chat.postMessage({ channel: channel.channel, text, blocks, unfurl_links: false, unfurl_media: false });
      } catch (error) {
        const reason = platformError(error);
        if (reason && PERMANENT_ERRORS.has(reason)) {
          throw new PermanentPostError(`Slack refused the digest for channel ${channel.channel}: ${reason}`, reason);
        }
        throw error;
      }
    },
  };
}
