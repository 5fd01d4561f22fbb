import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ApplicationCommandOptionType, type APIApplicationCommandOption } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { buildCommand, commandPayload, SUBCOMMANDS } from '../../../../adapters/discord/commands/index.ts';
import { dryRunJson } from '../../../../adapters/discord/register.ts';
import { REPO_ROOT } from '../../../../src/data/paths.ts';

const FIXTURE = path.join(REPO_ROOT, 'test/fixtures/discord/commands.json');
const NAME = /^[-_\p{Ll}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const ASCII_NAME = /^[-_a-z0-9]{1,32}$/;

/** Every name, description and choice in the payload, checked against Discord's documented limits. */
function problems(options: APIApplicationCommandOption[] | undefined, where: string): string[] {
  const found: string[] = [];
  if ((options?.length ?? 0) > 25) found.push(`${where}: ${options!.length} options > 25`);
  let seenOptional = false;
  for (const option of options ?? []) {
    const at = `${where} ${option.name}`;
    if (!ASCII_NAME.test(option.name) || !NAME.test(option.name)) found.push(`${at}: bad name`);
    if (option.description.length < 1 || option.description.length > 100)
      found.push(`${at}: description ${option.description.length} chars`);
    if ('required' in option && option.required && seenOptional) found.push(`${at}: required after optional`);
    if (!('required' in option && option.required)) seenOptional = true;
    if ('choices' in option && option.choices) {
      if (option.choices.length > 25) found.push(`${at}: ${option.choices.length} choices > 25`);
      for (const choice of option.choices) {
        if (choice.name.length < 1 || choice.name.length > 100) found.push(`${at}: choice name ${choice.name}`);
        if (String(choice.value).length > 100) found.push(`${at}: choice value ${choice.value}`);
      }
      if ('autocomplete' in option && option.autocomplete) found.push(`${at}: choices and autocomplete together`);
    }
    if (
      option.type === ApplicationCommandOptionType.Subcommand ||
      option.type === ApplicationCommandOptionType.SubcommandGroup
    ) {
      found.push(...problems(option.options as APIApplicationCommandOption[] | undefined, at));
    }
  }
  return found;
}

describe('/k8s-release command definition', () => {
  it('is one chat-input command with the seven subcommands', () => {
    const [command, ...others] = commandPayload();
    expect(others).toEqual([]);
    expect(command!.name).toBe('k8s-release');
    expect(command!.options!.map((option) => [option.name, option.type])).toEqual(
      ['release', 'ask', 'kep', 'schedule', 'subscribe', 'unsubscribe', 'subscriptions'].map((name) => [
        name,
        ApplicationCommandOptionType.Subcommand,
      ]),
    );
    expect(SUBCOMMANDS.map((subcommand) => subcommand.name)).toEqual(command!.options!.map((option) => option.name));
  });

  it("stays within Discord's limits for names, descriptions, options and choices", () => {
    const [command] = commandPayload();
    expect(ASCII_NAME.test(command!.name)).toBe(true);
    expect(command!.description.length).toBeGreaterThan(0);
    expect(command!.description.length).toBeLessThanOrEqual(100);
    expect(problems(command!.options, '/k8s-release')).toEqual([]);
    // The builders' own validation (shapeshift) accepts it too.
    expect(() => buildCommand().toJSON()).not.toThrow();
  });

  it('offers autocomplete where the values come from the dataset', () => {
    const [command] = commandPayload();
    const option = (subcommand: string, name: string) =>
      (
        command!.options!.find((o) => o.name === subcommand) as {
          options: (APIApplicationCommandOption & { autocomplete?: boolean })[];
        }
      ).options.find((o) => o.name === name);
    expect(option('release', 'version')?.autocomplete).toBe(true);
    expect(option('kep', 'query')?.autocomplete).toBe(true);
    expect(option('schedule', 'version')?.autocomplete).toBe(true);
    expect(option('subscribe', 'timezone')?.autocomplete).toBe(true);
    expect(option('ask', 'question')?.autocomplete).toBeUndefined();
  });

  it('has every subcommand wired to a handler, and autocomplete handlers exactly where options autocomplete', () => {
    const [command] = commandPayload();
    for (const subcommand of SUBCOMMANDS) {
      const definition = command!.options!.find((option) => option.name === subcommand.name) as {
        options?: { autocomplete?: boolean }[];
      };
      const autocompletes = (definition.options ?? []).some((option) => option.autocomplete);
      expect(typeof subcommand.execute).toBe('function');
      expect(Boolean(subcommand.autocomplete), subcommand.name).toBe(autocompletes);
    }
  });

  it('dry-run JSON matches the committed fixture (regenerate: npm run --silent discord:register -- --dry-run > test/fixtures/discord/commands.json)', () => {
    expect(dryRunJson()).toBe(readFileSync(FIXTURE, 'utf8'));
    expect(JSON.parse(dryRunJson())).toEqual(commandPayload());
  });

  it('`npm run discord:register -- --dry-run` prints exactly that JSON without any token', async () => {
    const env = { ...process.env };
    for (const name of Object.keys(env)) if (name.startsWith('DISCORD_')) delete env[name];
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'adapters/discord/register.ts', '--dry-run'],
      { cwd: REPO_ROOT, env },
    );
    expect(stdout).toBe(readFileSync(FIXTURE, 'utf8'));
  });
});
