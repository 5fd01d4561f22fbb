import { DIGEST_KINDS } from '../../../src/domain/subscription.ts';
import { missingManagePermission } from '../permissions.ts';
import { replyAfterDeferring, replyPrivately } from '../respond.ts';
import type { Subcommand } from './subcommand.ts';

/** `unsubscribe [milestones|weekly|both]`. */
export function unsubscribeText(kind: string | null): string {
  return kind ? `unsubscribe ${kind}` : 'unsubscribe';
}

export const unsubscribe: Subcommand = {
  name: 'unsubscribe',
  define: (builder) =>
    builder
      .setName('unsubscribe')
      .setDescription("Stop this channel's reminders and/or weekly digest")
      .addStringOption((option) =>
        option
          .setName('kind')
          .setDescription('What to stop (default: both)')
          .addChoices(...DIGEST_KINDS.map((kind) => ({ name: kind, value: kind }))),
      ),
  execute: async (interaction, context) => {
    const problem = missingManagePermission(interaction);
    if (problem) return replyPrivately(interaction, context.bot.notice(problem));
    return replyAfterDeferring(interaction, unsubscribeText(interaction.options.getString('kind')), context);
  },
};
