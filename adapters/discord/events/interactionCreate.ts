import { Events, type AutocompleteInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { COMMAND_NAME, findSubcommand } from '../commands/index.ts';
import type { DiscordContext } from '../context.ts';
import { replyPrivately } from '../respond.ts';
import type { DiscordEvent } from './event.ts';

export const interactionCreate: DiscordEvent<typeof Events.InteractionCreate> = {
  name: Events.InteractionCreate,
  execute: async (context, interaction) => {
    if (interaction.isChatInputCommand() && interaction.commandName === COMMAND_NAME)
      await runCommand(interaction, context);
    else if (interaction.isAutocomplete() && interaction.commandName === COMMAND_NAME)
      await runAutocomplete(interaction, context);
  },
};

async function runCommand(interaction: ChatInputCommandInteraction, context: DiscordContext): Promise<void> {
  const name = interaction.options.getSubcommand(false) ?? '';
  const subcommand = findSubcommand(name);
  const log = context.logger.child({ interaction: interaction.id, subcommand: name, guild: interaction.guildId });
  try {
    if (!subcommand) {
      await replyPrivately(
        interaction,
        context.bot.notice(`Unknown subcommand "${name}"; run \`npm run discord:register\` to update the commands.`),
      );
      return;
    }
    await subcommand.execute(interaction, context);
    log.debug('discord: answered');
  } catch (error) {
    log.error({ err: error }, 'discord: command failed');
    await replyPrivately(
      interaction,
      context.bot.notice('Something went wrong answering that. Please try again.'),
    ).catch((replyError: unknown) => log.warn({ err: replyError }, 'discord: could not report the failure'));
  }
}

async function runAutocomplete(interaction: AutocompleteInteraction, context: DiscordContext): Promise<void> {
  const name = interaction.options.getSubcommand(false) ?? '';
  try {
    const subcommand = findSubcommand(name);
    if (subcommand?.autocomplete) await subcommand.autocomplete(interaction, context);
    else await interaction.respond([]);
  } catch (error) {
    context.logger.warn({ err: error, interaction: interaction.id, subcommand: name }, 'discord: autocomplete failed');
  }
}
