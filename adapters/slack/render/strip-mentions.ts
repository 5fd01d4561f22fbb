import {
  ENCODED_MASS_MENTION,
  GROUP_MENTION,
  mayHoldMention,
  PLAIN_MASS_MENTION,
} from '../../../src/domain/mentions.ts';

/** Slack user mentions: <@U123>, <@W123|name>. */
const USER_MENTION = /<@[UW][A-Z0-9]+(?:\|[^>]*)?>/giu;
/** Slack's special mentions (<!here>, <!subteam^S123|@team>, …) and user mentions. */
const ENCODED_MENTION = new RegExp(
  [ENCODED_MASS_MENTION, GROUP_MENTION, USER_MENTION].map((pattern) => pattern.source).join('|'),
  'giu',
);

/**
 * Removes anything that could notify people from user-derived text. Escaping already makes
 * these inert in mrkdwn; this is defence in depth for plain_text fields and fallback text.
 */
export function stripMentions(text: string): string {
  if (!mayHoldMention(text)) return text;
  // A word joiner after "@" keeps a typed mass mention inert.
  return text.replace(ENCODED_MENTION, '').replace(PLAIN_MASS_MENTION, '@\u2060$1');
}
