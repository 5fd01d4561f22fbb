import type { APIApplicationCommandOption, APIApplicationCommandStringOption } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { commandPayload } from '../../../../adapters/discord/commands/index.ts';
import { DIGEST_KINDS, WEEKDAY_NAMES } from '../../../../src/domain/subscription.ts';

/** The choices of one string option of one subcommand, as registered with Discord. */
function choices(subcommand: string, option: string) {
  const group = commandPayload()[0]!.options!.find((candidate) => candidate.name === subcommand) as {
    options: APIApplicationCommandOption[];
  };
  const found = group.options.find((candidate) => candidate.name === option) as APIApplicationCommandStringOption;
  return found.choices ?? [];
}

describe('Discord subscribe/unsubscribe offer exactly the domain’s digest kinds and weekdays', () => {
  it('subscribe kind: one choice per domain kind, in its order', () => {
    expect(choices('subscribe', 'kind').map((choice) => choice.value)).toEqual([...DIGEST_KINDS]);
  });

  it('unsubscribe kind: the same kinds', () => {
    expect(choices('unsubscribe', 'kind').map((choice) => choice.value)).toEqual([...DIGEST_KINDS]);
  });

  it('weekday: the domain’s names shown, the lower-case word the digest grammar reads sent', () => {
    const weekdays = choices('subscribe', 'weekday');
    expect(weekdays.map((choice) => choice.name)).toEqual([...WEEKDAY_NAMES]);
    expect(weekdays.map((choice) => choice.value)).toEqual(WEEKDAY_NAMES.map((name) => name.toLowerCase()));
  });
});
