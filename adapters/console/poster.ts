import type { ChannelRef } from '../../src/domain/channel.ts';
import type { Answer } from '../../src/domain/answer.ts';
import { PermanentPostError, type DigestPoster } from '../../src/digest/poster.ts';
import { isConsoleChannel } from './channel.ts';
import { formatDigest } from './format.ts';

/** Delivers due digests by printing them to the terminal the console adapter runs in. */
export function createConsolePoster(print: (text: string) => void): DigestPoster {
  return {
    platform: 'console',
    async post(channel: ChannelRef, answer: Answer): Promise<void> {
      if (!isConsoleChannel(channel)) {
        throw new PermanentPostError(
          `The console can only post to its own terminal, not ${channel.workspace}/${channel.channel}`,
          'unknown_console_channel',
        );
      }
      print(formatDigest(answer));
    },
  };
}
