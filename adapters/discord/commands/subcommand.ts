import type { AutocompleteInteraction, ChatInputCommandInteraction, SlashCommandSubcommandBuilder } from 'discord.js';
import type { DiscordContext } from '../context.ts';

/** One `/k8s-release <name>` subcommand: its definition, its handler and, if it has one, its autocomplete. */
export interface Subcommand {
  name: string;
  define(builder: SlashCommandSubcommandBuilder): SlashCommandSubcommandBuilder;
  execute(interaction: ChatInputCommandInteraction, context: DiscordContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, context: DiscordContext): Promise<void>;
}

const PRIVATE_OPTION = 'private';

/** Every question subcommand can answer privately (an ephemeral reply only the asker sees). */
export function withPrivateOption(builder: SlashCommandSubcommandBuilder): SlashCommandSubcommandBuilder {
  return builder.addBooleanOption((option) =>
    option.setName(PRIVATE_OPTION).setDescription('Only you see the answer (default: everyone in the channel)'),
  );
}

export function isPrivate(interaction: ChatInputCommandInteraction): boolean {
  return interaction.options.getBoolean(PRIVATE_OPTION) ?? false;
}
