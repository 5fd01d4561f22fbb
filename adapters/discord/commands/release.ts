import { versionChoices } from '../autocomplete/versions.ts';
import { replyWithAnswer } from '../respond.ts';
import { releaseQuery } from './queries.ts';
import { isPrivate, withPrivateOption, type Subcommand } from './subcommand.ts';

export const release: Subcommand = {
  name: 'release',
  define: (builder) =>
    withPrivateOption(
      builder
        .setName('release')
        .setDescription('Summary of a Kubernetes release: codename, date, lead, enhancements, support')
        .addStringOption((option) =>
          option
            .setName('version')
            .setDescription('A minor release such as 1.31, or "latest"')
            .setRequired(true)
            .setMaxLength(20)
            .setAutocomplete(true),
        ),
    ),
  execute: (interaction, context) =>
    replyWithAnswer(interaction, releaseQuery(interaction.options.getString('version', true)), context, {
      private: isPrivate(interaction),
    }),
  autocomplete: async (interaction, context) => {
    await interaction.respond(versionChoices(context.autocomplete().releases, interaction.options.getFocused()));
  },
};
