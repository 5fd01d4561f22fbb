import type { SubscriptionCommands } from '../bot.ts';
import type { Dataset } from '../domain/dataset.ts';
import { StorageError } from '../storage/storage-error.ts';
import type { SubscriptionStore } from '../storage/store.ts';
import {
  invalidOptionsAnswer,
  notSavedAnswer,
  notSubscribedAnswer,
  subscribedAnswer,
  subscriptionStatusAnswer,
  unsubscribedAnswer,
} from './answers/subscription-replies.ts';
import { parseSubscribeOptions, parseUnsubscribeOptions } from './options.ts';
import {
  combineKinds,
  DEFAULT_SETTINGS,
  kindFrom,
  wantsMilestones,
  wantsWeekly,
  type SubscriptionSettings,
} from '../domain/subscription.ts';
import { upcomingPostings } from './upcoming.ts';

/**
 * `subscribe …`, `unsubscribe …` and `subscriptions` for one channel. Subscribing again changes only the
 * options given (a kind is added to what the channel already gets; a release filter replaces the old one);
 * unsubscribing removes a kind or all. `dataset` is read per command, so a refreshed dataset is seen at once.
 */
export function createSubscriptionCommands(
  store: SubscriptionStore,
  dataset: Dataset | (() => Dataset),
): SubscriptionCommands {
  const current = typeof dataset === 'function' ? dataset : () => dataset;
  const commands: SubscriptionCommands = {
    async handle(command, args, conversation) {
      const data = current();
      const channel = conversation.channel;
      const now = conversation.now ?? new Date();
      const existing = await store.find(channel);

      if (command === 'subscriptions') {
        return existing
          ? subscriptionStatusAnswer(existing, upcomingPostings(existing, data, now), data)
          : notSubscribedAnswer(data);
      }

      if (command === 'unsubscribe') {
        const parsed = parseUnsubscribeOptions(args);
        if (!parsed.ok) return invalidOptionsAnswer(parsed.problem, 'unsubscribe', data);
        if (!existing) return notSubscribedAnswer(data);
        const removing = parsed.value;
        const remaining = {
          kind: kindFrom(
            wantsMilestones(existing.kind) && !wantsMilestones(removing.kind),
            wantsWeekly(existing.kind) && !wantsWeekly(removing.kind),
          ),
          releases: removing.releases ? null : (existing.releases ?? null),
        };
        return unsubscribedAnswer(existing, await store.changeKind(channel, remaining, now), data);
      }

      const parsed = parseSubscribeOptions(args);
      if (!parsed.ok) return invalidOptionsAnswer(parsed.problem, 'subscribe', data);
      const given = parsed.value;
      const base: SubscriptionSettings = existing ?? {
        ...DEFAULT_SETTINGS,
        kind: given.releases ? null : DEFAULT_SETTINGS.kind,
      };
      const settings: SubscriptionSettings = {
        kind: given.kind ? combineKinds(existing?.kind, given.kind) : base.kind,
        releases: given.releases ?? base.releases ?? null,
        time: given.time ?? base.time,
        timeZone: given.timeZone ?? base.timeZone,
        weekday: given.weekday ?? base.weekday,
      };
      const saved = await store.save(channel, settings, now);
      return subscribedAnswer(saved, existing === null, upcomingPostings(saved, data, now), data, given.kind);
    },
  };
  return {
    async handle(command, args, conversation) {
      try {
        return await commands.handle(command, args, conversation);
      } catch (error) {
        // The operator sees the file in the log and in /readyz; the user learns that nothing changed.
        if (error instanceof StorageError) return notSavedAnswer(command, error.reason, current());
        throw error;
      }
    },
  };
}
