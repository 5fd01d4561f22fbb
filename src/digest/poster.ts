import type { ChannelRef, Platform } from '../domain/channel.ts';
import type { Answer } from '../domain/answer.ts';

export interface PostOptions {
  /**
   * Aborted when the scheduler gives up on the post (its timeout). A poster that can cancel its request
   * should: the scheduler will retry the posting, and a request that still lands later could post it twice.
   */
  signal?: AbortSignal;
}

/** What each adapter supplies so the platform-free scheduler can deliver a digest. */
export interface DigestPoster {
  platform: Platform;
  post(channel: ChannelRef, answer: Answer, options?: PostOptions): Promise<void>;
}

/**
 * Thrown by a poster when retrying cannot help (bot removed, channel gone, missing access).
 * Transient failures (network, 5xx, rate limits exhausted) throw anything else.
 */
export class PermanentPostError extends Error {
  constructor(message: string, readonly reason: string) {
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
