import { kepChoices } from '../autocomplete/keps.ts';
import { replyWithAnswer } from '../respond.ts';
import { isPrivate, withPrivateOption, type Subcommand } from './subcommand.ts';

/** A number (as autocomplete sends it) becomes "KEP-3836"; anything else is a feature name or gate to look up. */
export function kepQuestion(query: string): string {
  const number = /^\s*(?:kep)?[-\s#]*(\d{1,6})\s*$/i.exec(query)?.[1];
  return number ? `KEP-${number}` : query.trim();
}

export const kep: Subcommand = {
  name: 'kep',
  define: (builder) =>
    withPrivateOption(
      builder
        .setName('kep')
        .setDescription('Look up an enhancement (KEP) by number, name or feature gate')
        .addStringOption((option) =>
          option.setName('query').setDescription('e.g. 3836, sidecar containers, NFTablesProxyMode').setRequired(true).setMaxLength(200).setAutocomplete(true),
        ),
    ),
  execute: (interaction, context) =>
    replyWithAnswer(interaction, kepQuestion(interaction.options.getString('query', true)), context, { private: isPrivate(interaction) }),
  autocomplete: async (interaction, context) => {
    await interaction.respond(kepChoices(context.autocomplete.keps, interaction.options.getFocused()));
  },
};
