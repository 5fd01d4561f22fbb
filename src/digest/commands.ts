import type { SubscriptionCommands } from '../bot.ts';
import type { Dataset } from '../domain/dataset.ts';
import { StorageError } from '../storage/storage-error.ts';
import type { SubscriptionStore } from '../storage/subscription-store.ts';
import {
  invalidOptionsAnswer,
  notSavedAnswer,
  notSubscribedAnswer,
  subscribedAnswer,
  subscriptionStatusAnswer,
  unsubscribedAnswer,
} from './answers/subscription-replies.ts';
import { parseSubscribeOptions, parseUnsubscribeOptions } from './options.ts';
import { combineKinds, DEFAULT_SETTINGS, kindFrom, wantsMilestones, wantsWeekly, type SubscriptionSettings } from './subscription.ts';
import { upcomingPostings } from './upcoming.ts';

/**
 * `subscribe …`, `unsubscribe …` and `subscriptions` for one channel. Subscribing again changes only the
 * options given (a kind is added to what the channel already gets); unsubscribing removes a kind or all.
 */
export function createSubscriptionCommands(store: SubscriptionStore, dataset: Dataset): SubscriptionCommands {
  const commands: SubscriptionCommands = {
    async handle(command, args, conversation) {
      const channel = conversation.channel;
      const now = conversation.now ?? new Date();
      const existing = store.find(channel);

      if (command === 'subscriptions') {
        return existing ? subscriptionStatusAnswer(existing, upcomingPostings(existing, dataset, now), dataset) : notSubscribedAnswer(dataset);
      }

      if (command === 'unsubscribe') {
        const parsed = parseUnsubscribeOptions(args);
        if (!parsed.ok) return invalidOptionsAnswer(parsed.problem, 'unsubscribe', dataset);
        if (!existing) return notSubscribedAnswer(dataset);
        const removing = parsed.value;
        const remaining = kindFrom(
          wantsMilestones(existing.kind) && !wantsMilestones(removing),
          wantsWeekly(existing.kind) && !wantsWeekly(removing),
        );
        return unsubscribedAnswer(store.changeKind(channel, remaining, now), dataset);
      }

      const parsed = parseSubscribeOptions(args);
      if (!parsed.ok) return invalidOptionsAnswer(parsed.problem, 'subscribe', dataset);
      const given = parsed.value;
      const base: SubscriptionSettings = existing ?? DEFAULT_SETTINGS;
      const settings: SubscriptionSettings = {
        kind: given.kind ? combineKinds(existing?.kind, given.kind) : base.kind,
        time: given.time ?? base.time,
        timeZone: given.timeZone ?? base.timeZone,
        weekday: given.weekday ?? base.weekday,
      };
      const saved = store.save(channel, settings, now);
      return subscribedAnswer(saved, existing === null, upcomingPostings(saved, dataset, now), dataset, given.kind);
    },
  };
  return {
    async handle(command, args, conversation) {
      try {
        return await commands.handle(command, args, conversation);
      } catch (error) {
        // The operator sees the file in the log and in /readyz; the user learns that nothing changed.
        if (error instanceof StorageError) return notSavedAnswer(command, error.reason, dataset);
        throw error;
      }
    },
  };
}
