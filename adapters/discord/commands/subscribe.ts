import {
  DIGEST_KINDS,
  type DigestKind,
  type SubscriptionSettings,
  WEEKDAY_NAMES,
} from '../../../src/domain/subscription.ts';
import { timeZoneChoices } from '../autocomplete/timezones.ts';
import { missingManagePermission, missingPostingPermission } from '../permissions.ts';
import { replyAfterDeferring, replyPrivately } from '../respond.ts';
import type { Subcommand } from './subcommand.ts';

/** The registered option's name: public (users' commands), so it stays as Discord knows it. */
const TIME_ZONE_OPTION = 'timezone';

const KIND_CHOICE_NAMES: Record<DigestKind, string> = {
  milestones: 'milestones: freeze and release-day reminders',
  weekly: 'weekly: a digest of where the cycle stands',
  both: 'both',
};

/** The settings a user may give, as typed (null when left out); named as the domain names them. */
export type SubscribeOptions = Record<
  keyof Pick<SubscriptionSettings, 'kind' | 'time' | 'timeZone' | 'weekday'>,
  string | null
>;

/** `subscribe [kind] [HH:MM] [zone] [weekday]`, the digest feature's own grammar; absent options keep its defaults. */
export function subscribeText(options: SubscribeOptions): string {
  const parts = [options.kind, options.time, options.timeZone, options.weekday]
    .map((part) => part?.trim())
    .filter(Boolean);
  return ['subscribe', ...parts].join(' ');
}

/** A space inside one option would shift the words of the command text, so it is refused up front. */
export function spacedOptionProblem(options: SubscribeOptions): string | null {
  if (options.time && /\s/.test(options.time.trim()))
    return 'The time option takes a 24-hour time like 09:00 or 17:30.';
  if (options.timeZone && /\s/.test(options.timeZone.trim())) {
    return 'The timezone option takes one IANA zone name without spaces, e.g. UTC, Europe/Berlin or America/New_York.';
  }
  return null;
}

export const subscribe: Subcommand = {
  name: 'subscribe',
  define: (builder) =>
    builder
      .setName('subscribe')
      .setDescription('Post release-cycle reminders and/or a weekly digest to this channel')
      .addStringOption((option) =>
        option
          .setName('kind')
          .setDescription('What to post (default: both)')
          .addChoices(...DIGEST_KINDS.map((kind) => ({ name: KIND_CHOICE_NAMES[kind], value: kind }))),
      )
      .addStringOption((option) =>
        option
          .setName('time')
          .setDescription('Time of day, 24-hour HH:MM (default 09:00)')
          .setMinLength(4)
          .setMaxLength(5),
      )
      .addStringOption((option) =>
        option
          .setName(TIME_ZONE_OPTION)
          .setDescription('IANA time zone such as Europe/Berlin (default UTC)')
          .setMaxLength(64)
          .setAutocomplete(true),
      )
      .addStringOption((option) =>
        option
          .setName('weekday')
          .setDescription('Day of the weekly digest (default Monday)')
          .addChoices(...WEEKDAY_NAMES.map((day) => ({ name: day, value: day.toLowerCase() }))),
      ),
  execute: async (interaction, context) => {
    const options: SubscribeOptions = {
      kind: interaction.options.getString('kind'),
      time: interaction.options.getString('time'),
      timeZone: interaction.options.getString(TIME_ZONE_OPTION),
      weekday: interaction.options.getString('weekday'),
    };
    const problem =
      missingManagePermission(interaction) ?? missingPostingPermission(interaction) ?? spacedOptionProblem(options);
    if (problem) return replyPrivately(interaction, context.bot.notice(problem));
    return replyAfterDeferring(interaction, subscribeText(options), context);
  },
  autocomplete: async (interaction) => {
    await interaction.respond(timeZoneChoices(interaction.options.getFocused()));
  },
};
