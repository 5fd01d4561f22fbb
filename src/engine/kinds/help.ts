import { z } from 'zod';
import { help } from '../intents/help.ts';
import { ParseNotes } from '../refs.ts';
import type { Question } from '../understand/question.ts';
import { type QuestionKind, SCORE, words } from './kind.ts';

export const HelpQuery = z.object({ kind: z.literal('help'), reason: z.enum(['asked', 'empty']), notes: ParseNotes });
export type HelpQuery = z.infer<typeof HelpQuery>;

const ASKS_WHAT_THE_BOT_DOES = new RegExp(
  String.raw`\b(what can (you|i|this bot|the bot|it) (do|ask)|how (do|can) i use|what do you (do` +
    String.raw`|know)|what questions|how does (this|the) bot work|what sources)\b`,
);

function asksForHelp(question: Question): boolean {
  const { entities: found, text: s } = question;
  if (found.versions.length || found.keps.length || found.sig) return false;
  if (/^\s*(help|usage|commands|h|\?+|menu|examples?)\s*$/.test(s)) return true;
  if (ASKS_WHAT_THE_BOT_DOES.test(s)) return true;
  return question.subject.length === 0 && /^\s*(hi|hello|hey|help|thanks|thank you|yo)\b/.test(s);
}

/** "help", "what can you do?"; also what a question with nothing to answer becomes. */
export const helpKind: QuestionKind<HelpQuery> = {
  schema: HelpQuery,
  kind: 'help',
  intent: 'help',
  recognize: (question) =>
    asksForHelp(question)
      ? { score: SCORE.command, query: { kind: 'help', reason: 'asked' } }
      : { score: SCORE.fallback, query: { kind: 'help', reason: 'empty' } },
  answer: (query, index) => help(query, index),
  examples: [],
  vocabulary: words('help commands usage hi hello hey'),
};
