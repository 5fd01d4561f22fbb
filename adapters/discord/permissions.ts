import { PermissionFlagsBits, type ChatInputCommandInteraction } from 'discord.js';

/** Changing a channel's digests is for people who manage the channel; in a DM the user owns it. */
export function missingManagePermission(interaction: ChatInputCommandInteraction): string | null {
  if (!interaction.inGuild()) return null;
  if (interaction.memberPermissions.has(PermissionFlagsBits.ManageChannels)) return null;
  return "Changing this channel's digests needs the Manage Channels permission.";
}

/** A subscription the bot cannot deliver would only fail later, so say so now. */
export function missingPostingPermission(interaction: ChatInputCommandInteraction): string | null {
  if (!interaction.inGuild()) return null;
  const send = interaction.channel?.isThread()
    ? PermissionFlagsBits.SendMessagesInThreads
    : PermissionFlagsBits.SendMessages;
  const needed = [
    ['View Channel', PermissionFlagsBits.ViewChannel],
    [send === PermissionFlagsBits.SendMessages ? 'Send Messages' : 'Send Messages in Threads', send],
    ['Embed Links', PermissionFlagsBits.EmbedLinks],
  ] as const;
  const missing = needed.filter(([, flag]) => !interaction.appPermissions.has(flag)).map(([name]) => name);
  return missing.length > 0 ? `I cannot post digests here: I am missing ${missing.join(', ')} in this channel.` : null;
}
