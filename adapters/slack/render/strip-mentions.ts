import { PLAIN_MASS_MENTION } from '../../../src/domain/mentions.ts';

/** Slack's special mentions (<!here>, <!subteam^S123|@team>, …) and user mentions (<@U123>, <@W123|name>). */
const ENCODED_MENTION = /<(?:!(?:channel|here|everyone|subteam\^[^>]*)(?:\|[^>]*)?|@[UW][A-Z0-9]+(?:\|[^>]*)?)>/gi;

/**
 * Removes anything that could notify people from user-derived text. Escaping already makes
 * these inert in mrkdwn; this is defence in depth for plain_text fields and fallback text.
 */
export function stripMentions(text: string): string {
  if (!text.includes('<') && !text.includes('@')) return text;
  return text.replace(ENCODED_MENTION, '').replace(PLAIN_MASS_MENTION, '@\u2060$1'); // a word joiner after "@" keeps a mass mention inert;
}
