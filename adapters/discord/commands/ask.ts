import { replyWithAnswer } from '../respond.ts';
import { isPrivate, withPrivateOption, type Subcommand } from './subcommand.ts';

export const ask: Subcommand = {
  name: 'ask',
  define: (builder) =>
    withPrivateOption(
      builder
        .setName('ask')
        .setDescription('Ask anything about Kubernetes releases, e.g. "what went GA in 1.31"')
        .addStringOption((option) =>
          option.setName('question').setDescription('Your question in plain words').setRequired(true).setMaxLength(500),
        ),
    ),
  execute: (interaction, context) =>
    replyWithAnswer(interaction, interaction.options.getString('question', true), context, {
      private: isPrivate(interaction),
    }),
};
