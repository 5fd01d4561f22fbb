import { z } from 'zod';
import { makeAnswer } from '../format.ts';
import { ParseNotes } from '../refs.ts';
import { type QuestionKind, SCORE } from './kind.ts';

export const SUBSCRIPTION_COMMANDS = ['subscribe', 'unsubscribe', 'subscriptions'] as const;
export type SubscriptionCommand = (typeof SUBSCRIPTION_COMMANDS)[number];

/**
 * `subscribe …`, `unsubscribe …`, `subscriptions`: digest management. The engine only recognises
 * the command; the bot hands it to the digest feature (which owns storage). `args` are the words
 * after the command exactly as typed (time zones keep their underscores).
 */
export const SubscriptionQuery = z.object({
  kind: z.literal('subscription'),
  command: z.enum(SUBSCRIPTION_COMMANDS),
  args: z.string(),
  notes: ParseNotes,
});
export type SubscriptionQuery = z.infer<typeof SubscriptionQuery>;

const COMMAND = /^\s*(subscribe|unsubscribe|subscriptions)\b\s*(.*)$/is;

/** The command a message starts with, read from the raw text (cleaning would drop "_" from time zones). */
export function subscriptionCommand(raw: string): { command: SubscriptionCommand; args: string } | null {
  const match = COMMAND.exec(raw);
  return match ? { command: match[1]!.toLowerCase() as SubscriptionCommand, args: match[2] ?? '' } : null;
}

export const DIGESTS_DISABLED = 'Digests are not enabled on this bot.';

export const subscriptionKind: QuestionKind<SubscriptionQuery> = {
  schema: SubscriptionQuery,
  kind: 'subscription',
  intent: 'subscription',
  recognize: (question) => {
    const command = subscriptionCommand(question.raw);
    return command ? { score: SCORE.command, query: { kind: 'subscription', ...command } } : null;
  },
  // Reached only where no digest feature is wired in (the ask CLI, a bot without storage).
  answer: (_query, index) => makeAnswer(index.footer, { intent: 'subscription', title: 'k8s-release-bot', summary: DIGESTS_DISABLED }),
  examples: ['subscribe [milestones|weekly|both] [HH:MM] [time zone] [weekday] / unsubscribe / subscriptions'],
  vocabulary: ['subscribe', 'unsubscribe', 'subscriptions'],
};
