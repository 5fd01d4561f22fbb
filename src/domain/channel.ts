export type Platform = 'slack' | 'discord' | 'console';

/** Where a message came from; a subscription is keyed by all three. */
export interface ChannelRef {
  platform: Platform;
  /** Slack team ID, Discord guild ID, or "local" for the console. */
  workspace: string;
  channel: string;
}

export const channelLabel = (channel: ChannelRef): string =>
  `${channel.platform}/${channel.workspace}/${channel.channel}`;
