import { kepChoices } from '../autocomplete/keps.ts';
import { replyWithAnswer } from '../respond.ts';
import { kepQuery } from './queries.ts';
import { isPrivate, withPrivateOption, type Subcommand } from './subcommand.ts';

export const kep: Subcommand = {
  name: 'kep',
  define: (builder) =>
    withPrivateOption(
      builder
        .setName('kep')
        .setDescription('Look up an enhancement (KEP) by number, name or feature gate')
        .addStringOption((option) =>
          option
            .setName('query')
            .setDescription('e.g. 3836, sidecar containers, NFTablesProxyMode')
            .setRequired(true)
            .setMaxLength(200)
            .setAutocomplete(true),
        ),
    ),
  execute: (interaction, context) =>
    replyWithAnswer(interaction, kepQuery(interaction.options.getString('query', true)), context, {
      private: isPrivate(interaction),
    }),
  autocomplete: async (interaction, context) => {
    await interaction.respond(kepChoices(context.autocomplete().keps, interaction.options.getFocused()));
  },
};
