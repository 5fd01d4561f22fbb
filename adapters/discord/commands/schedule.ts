import { versionChoices } from '../autocomplete/versions.ts';
import { replyWithAnswer } from '../respond.ts';
import { scheduleQuery } from './queries.ts';
import { isPrivate, withPrivateOption, type Subcommand } from './subcommand.ts';

export const schedule: Subcommand = {
  name: 'schedule',
  define: (builder) =>
    withPrivateOption(
      builder
        .setName('schedule')
        .setDescription('Release cycle schedule: freezes, release candidates and release day')
        .addStringOption((option) =>
          option
            .setName('version')
            .setDescription('A minor release such as 1.31, or "next"')
            .setRequired(true)
            .setMaxLength(20)
            .setAutocomplete(true),
        ),
    ),
  execute: (interaction, context) =>
    replyWithAnswer(interaction, scheduleQuery(interaction.options.getString('version', true)), context, {
      private: isPrivate(interaction),
    }),
  autocomplete: async (interaction, context) => {
    await interaction.respond(versionChoices(context.autocomplete().schedules, interaction.options.getFocused()));
  },
};
