import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { REST, Routes } from 'discord.js';
import { ConfigError, loadConfig, loadDotEnv, type Config } from '../../src/config.ts';
import { restOptions } from './client.ts';
import { COMMAND_NAME, commandPayload } from './commands/index.ts';

type RegisterConfig = Pick<Config, 'DISCORD_TOKEN' | 'DISCORD_APPLICATION_ID' | 'DISCORD_GUILD_ID' | 'DISCORD_API_URL'>;

/** Global commands, or one guild's when DISCORD_GUILD_ID is set (guild commands update instantly; handy while developing). */
function registrationRoute(config: RegisterConfig): `/${string}` {
  if (!config.DISCORD_APPLICATION_ID)
    throw new ConfigError(['DISCORD_APPLICATION_ID is required to register commands (see .env.example)']);
  return config.DISCORD_GUILD_ID
    ? Routes.applicationGuildCommands(config.DISCORD_APPLICATION_ID, config.DISCORD_GUILD_ID)
    : Routes.applicationCommands(config.DISCORD_APPLICATION_ID);
}

/** Overwrites the application's commands with ours (PUT is idempotent: running it twice changes nothing). */
export async function registerCommands(config: RegisterConfig): Promise<{ route: string; names: string[] }> {
  if (!config.DISCORD_TOKEN)
    throw new ConfigError(['DISCORD_TOKEN is required to register commands (see .env.example)']);
  const route = registrationRoute(config);
  const rest = new REST(restOptions(config)).setToken(config.DISCORD_TOKEN);
  const registered = (await rest.put(route, { body: commandPayload() })) as { name: string }[];
  return { route, names: registered.map((command) => command.name) };
}

/** The exact request body, pretty-printed; stable for a given set of command definitions. */
export function dryRunJson(): string {
  return `${JSON.stringify(commandPayload(), null, 2)}\n`;
}

const USAGE = `usage: npm run discord:register [-- --dry-run]
  --dry-run   print the JSON body that would be sent, send nothing
  -h, --help  show this help`;

/** The command line, read by node:util's parseArgs; a usage error is returned as text. */
function readArgs(args: string[]): { dryRun: boolean; help: boolean } | string {
  try {
    const { values } = parseArgs({
      args,
      options: { 'dry-run': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    });
    return { dryRun: values['dry-run'] ?? false, help: values.help ?? false };
  } catch (error) {
    return (error as Error).message;
  }
}

export async function main(
  args: string[],
  env: NodeJS.ProcessEnv,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  const options = readArgs(args);
  if (typeof options === 'string') {
    err.write(`${options}\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    out.write(`${USAGE}\n`);
    return 0;
  }
  try {
    if (options.dryRun) {
      out.write(dryRunJson());
      return 0;
    }
    const { route, names } = await registerCommands(loadConfig(env));
    err.write(`Registered /${names.join(', /') || COMMAND_NAME} at PUT ${route}\n`);
    return 0;
  } catch (error) {
    err.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    loadDotEnv();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
  process.exitCode = await main(process.argv.slice(2), process.env, process.stdout, process.stderr);
}
