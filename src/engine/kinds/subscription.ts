import { z } from 'zod';
import { makeAnswer } from '../../domain/answer-builders.ts';
import { ParseNotes } from '../refs.ts';
import type { Question } from '../understand/question.ts';
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

/** Words of the subscribe grammar (src/digest/options.ts), kept when a command comes inside a sentence. */
const OPTION_WORD =
  /^(weekly|digest|milestones?|reminders?|both|all|\d{1,2}:\d{2}|utc|[a-z]+\/[a-z_/+-]+|(mon|tue|wed|thu|fri|sat|sun)[a-z]*)$/i;

/** "hey bot, subscribe this channel to the weekly digest", "what is this channel subscribed to?". */
function commandInSentence(question: Question): { command: SubscriptionCommand; args: string } | null {
  const s = question.text;
  const command: SubscriptionCommand | null = /\bunsubscribe\b/.test(s)
    ? 'unsubscribe'
    : /\bsubscribed\b|\bsubscriptions\b/.test(s)
      ? 'subscriptions'
      : /\bsubscribe\b/.test(s)
        ? 'subscribe'
        : null;
  // About this channel's digests, not a word in passing ("DROP TABLE subscriptions").
  if (!command || !/\b(channel|us|me|we|this|digests?|reminders?|weekly|milestones?|can you|please|pls)\b/.test(s))
    return null;
  const args =
    command === 'subscriptions'
      ? ''
      : question.raw
          .split(/[\s,;!?]+/)
          .filter((word) => OPTION_WORD.test(word) && !/^(all|digest)$/i.test(word))
          .join(' ');
  const digest = command !== 'subscriptions' && /\bdigest\b/.test(s) && !/\bweekly\b/.test(s) ? 'weekly' : '';
  return { command, args: [digest, args].filter(Boolean).join(' ') };
}

export const DIGESTS_DISABLED = 'Digests are not enabled on this bot.';

export const subscriptionKind: QuestionKind<SubscriptionQuery> = {
  schema: SubscriptionQuery,
  kind: 'subscription',
  intent: 'subscription',
  recognize: (question) => {
    // Every command word starts so, as typed or as its typo was fixed ("subcribe").
    if (!question.lowered.includes('subscri') && !question.text.includes('subscri')) return null;
    const command = subscriptionCommand(question.raw);
    if (command) return { score: SCORE.command, query: { kind: 'subscription', ...command } };
    // A mistyped command ("subcribe weekly") reads as the command; its arguments stay as typed.
    const corrected = subscriptionCommand(question.text);
    if (corrected)
      return {
        score: SCORE.command,
        query: {
          kind: 'subscription',
          command: corrected.command,
          args: question.raw.trim().split(/\s+/).slice(1).join(' '),
        },
      };
    const inSentence = commandInSentence(question);
    return inSentence ? { score: SCORE.certain, query: { kind: 'subscription', ...inSentence } } : null;
  },
  // Reached only where no digest feature is wired in (the ask CLI, a bot without storage).
  answer: (_query, index) =>
    makeAnswer(index.footer, { intent: 'subscription', title: 'k8s-release-bot', summary: DIGESTS_DISABLED }),
  examples: ['subscribe [milestones|weekly|both] [HH:MM] [time zone] [weekday] / unsubscribe / subscriptions'],
  vocabulary: ['subscribe', 'unsubscribe', 'subscriptions', 'subscribed', 'digest', 'reminders', 'channel'],
};
