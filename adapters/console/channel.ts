import type { ChannelRef } from '../../src/domain/channel.ts';

/** The console is one channel: subscriptions made here are delivered to this terminal. */
export const CONSOLE_CHANNEL: ChannelRef = Object.freeze({
  platform: 'console',
  workspace: 'local',
  channel: 'terminal',
});

export const isConsoleChannel = (channel: ChannelRef): boolean =>
  channel.platform === CONSOLE_CHANNEL.platform &&
  channel.workspace === CONSOLE_CHANNEL.workspace &&
  channel.channel === CONSOLE_CHANNEL.channel;
