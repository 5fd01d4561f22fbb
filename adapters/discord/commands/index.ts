import {
  ApplicationIntegrationType,
  InteractionContextType,
  SlashCommandBuilder,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { ask } from './ask.ts';
import { kep } from './kep.ts';
import { release } from './release.ts';
import { schedule } from './schedule.ts';
import type { Subcommand } from './subcommand.ts';
import { subscribe } from './subscribe.ts';
import { subscriptions } from './subscriptions.ts';
import { unsubscribe } from './unsubscribe.ts';

export const COMMAND_NAME = 'k8s-release';

/** Every subcommand, in the order Discord lists them. */
export const SUBCOMMANDS: readonly Subcommand[] = [release, ask, kep, schedule, subscribe, unsubscribe, subscriptions];

export function findSubcommand(name: string): Subcommand | undefined {
  return SUBCOMMANDS.find((subcommand) => subcommand.name === name);
}

/** `/k8s-release`, built with discord.js's builders (which validate names, descriptions and option counts). */
export function buildCommand(): SlashCommandBuilder {
  const command = new SlashCommandBuilder()
    .setName(COMMAND_NAME)
    .setDescription('Kubernetes releases: summaries, KEPs, schedules, and digests for this channel')
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);
  for (const subcommand of SUBCOMMANDS) command.addSubcommand((builder) => subcommand.define(builder));
  return command;
}

/** The exact body `discord:register` sends: every application command this bot has. */
export function commandPayload(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return [buildCommand().toJSON()];
}
