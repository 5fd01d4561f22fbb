import type { Platform } from '../src/domain/channel.ts';
import type { DigestPoster } from '../src/digest/poster.ts';

/** What every started platform adapter hands back to adapters/main.ts. */
export interface RunningAdapter {
  platform: Platform;
  /** Delivers scheduled digests to this platform's channels. */
  poster: DigestPoster;
  /** Stop taking work, finish in-flight replies, release sockets. */
  stop(): Promise<void>;
}
