import type { ChannelRef, Platform } from '../domain/channel.ts';
import type { Answer } from '../domain/answer.ts';

export interface PostOptions {
  /**
   * Aborted when the scheduler gives up on the post (its timeout). A poster that can cancel its request
   * should: the scheduler will retry the posting, and a request that still lands later could post it twice.
   */
  signal?: AbortSignal;
  /** The occurrence this post delivers; posters tag the message with it so a later attempt can find it. */
  occurrenceKey?: string;
}

/** What each adapter supplies so the platform-free scheduler can deliver a digest. */
export interface DigestPoster {
  platform: Platform;
  post(channel: ChannelRef, answer: Answer, options?: PostOptions): Promise<void>;
  /**
   * Whether the channel's history since `since` holds a message this bot tagged with `occurrenceKey`: asked
   * before a second attempt at an occurrence (its first claimant crashed or timed out after the platform may
   * have accepted it). Posters that cannot look leave it out, and the digest is posted again.
   */
  findPosted?(
    channel: ChannelRef,
    occurrenceKey: string,
    since: Date,
    options?: Pick<PostOptions, 'signal'>,
  ): Promise<boolean>;
}

/**
 * Thrown by a poster when retrying cannot help (bot removed, channel gone, missing access).
 * Transient failures (network, 5xx, rate limits exhausted) throw anything else.
 */
export class PermanentPostError extends Error {
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message);
    this.name = 'PermanentPostError';
  }
}

/** A post that took longer than the scheduler's post timeout: transient, retried within the grace window. */
export class PostTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer from the platform within ${timeoutMs} ms`);
    this.name = 'PostTimeoutError';
  }
}
