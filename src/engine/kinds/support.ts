import { z } from 'zod';
import { support } from '../intents/support.ts';
import { ParseNotes, VersionRef } from '../refs.ts';
import { type QuestionKind, SCORE, words } from './kind.ts';

/** "is 1.28 still supported", "when does 1.31 reach end of life", "which versions are supported", "latest patch of 1.30". */
export const SupportQuery = z.object({
  kind: z.literal('support'),
  version: VersionRef.nullable(),
  ask: z.enum(['status', 'eol', 'list', 'latest-patch']),
  notes: ParseNotes,
});
export type SupportQuery = z.infer<typeof SupportQuery>;

const ASKS_END_OF_SUPPORT = new RegExp(
  String.raw`\b(eol|end of life|end of support|support ends?|support end|out of support` +
    String.raw`|maintenance|stop\w* (receiving|getting))\b|\b(how long|until when)\b.*\b(support\w*` +
    String.raw`|patch\w*|maintain\w*)\b`,
);

export const supportKind: QuestionKind<SupportQuery> = {
  schema: SupportQuery,
  kind: 'support',
  intent: 'support',
  recognize: (question) => {
    const { entities: found, version } = question;
    const asksEol = question.has(ASKS_END_OF_SUPPORT);
    const asksPatch =
      found.latestPatch ||
      question.has(/\bpatch (release|version)s?\b/) ||
      (found.versions.length > 0 && !asksEol && question.has(/\bpatch(es)?\b/));
    const asksSupport = question.has(
      /\b(supported|unsupported|still maintained|maintained|in support|support (status|window|period|policy|dates?)|still (get|getting|receiv)\w*)\b/,
    );
    if (!(asksPatch || asksEol || asksSupport)) return null;
    // "We are stuck on 1.27 because of a vendor, is it still supported?": a release and a support cue decide it.
    if ((question.topic.length > 0 || question.feature !== null) && version === null) return null;
    const ask = asksPatch ? 'latest-patch' : asksEol ? 'eol' : version ? 'status' : 'list';
    return { score: SCORE.certain - 10, query: { kind: 'support', version, ask } };
  },
  answer: support,
  examples: ['is 1.28 still supported / which versions are supported / latest patch of 1.30'],
  vocabulary: words(
    'supported unsupported support maintained maintenance eol end life lts patch patches final security mode',
  ),
};
