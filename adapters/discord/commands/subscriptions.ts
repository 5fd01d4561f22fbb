import { replyAfterDeferring } from '../respond.ts';
import type { Subcommand } from './subcommand.ts';

export const subscriptions: Subcommand = {
  name: 'subscriptions',
  define: (builder) => builder.setName('subscriptions').setDescription('What this channel is subscribed to'),
  execute: (interaction, context) => replyAfterDeferring(interaction, 'subscriptions', context),
};
