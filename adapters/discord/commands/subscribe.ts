import { timeZoneChoices } from '../autocomplete/timezones.ts';
import { missingManagePermission, missingPostingPermission } from '../permissions.ts';
import { replyAfterDeferring, replyPrivately } from '../respond.ts';
import type { Subcommand } from './subcommand.ts';

export const DIGEST_KINDS = ['milestones', 'weekly', 'both'] as const;
export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

export interface SubscribeOptions {
  kind: string | null;
  time: string | null;
  timezone: string | null;
  weekday: string | null;
}

/** `subscribe [kind] [HH:MM] [zone] [weekday]`, the digest feature's own grammar; absent options keep its defaults. */
export function subscribeText(options: SubscribeOptions): string {
  const parts = [options.kind, options.time, options.timezone, options.weekday]
    .map((part) => part?.trim())
    .filter(Boolean);
  return ['subscribe', ...parts].join(' ');
}

/** A space inside one option would shift the words of the command text, so it is refused up front. */
export function spacedOptionProblem(options: SubscribeOptions): string | null {
  if (options.time && /\s/.test(options.time.trim()))
    return 'The time option takes a 24-hour time like 09:00 or 17:30.';
  if (options.timezone && /\s/.test(options.timezone.trim())) {
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
          .addChoices(
            { name: 'milestones: freeze and release-day reminders', value: 'milestones' },
            { name: 'weekly: a digest of where the cycle stands', value: 'weekly' },
            { name: 'both', value: 'both' },
          ),
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
          .setName('timezone')
          .setDescription('IANA time zone such as Europe/Berlin (default UTC)')
          .setMaxLength(64)
          .setAutocomplete(true),
      )
      .addStringOption((option) =>
        option
          .setName('weekday')
          .setDescription('Day of the weekly digest (default Monday)')
          .addChoices(...WEEKDAYS.map((day) => ({ name: day[0]!.toUpperCase() + day.slice(1), value: day }))),
      ),
  execute: async (interaction, context) => {
    const options: SubscribeOptions = {
      kind: interaction.options.getString('kind'),
      time: interaction.options.getString('time'),
      timezone: interaction.options.getString('timezone'),
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
