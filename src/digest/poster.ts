import type { ChannelRef, Platform } from '../bot.ts';
import type { Answer } from '../domain/answer.ts';

/** What each adapter supplies so the platform-free scheduler can deliver a digest. */
export interface DigestPoster {
  platform: Platform;
  post(channel: ChannelRef, answer: Answer): Promise<void>;
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
