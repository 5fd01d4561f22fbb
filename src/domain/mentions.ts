/**
 * Chat mention syntax, shared by everything that echoes user text: a mass mention must never be
 * repeated live, on any platform. Each pattern captures the mention's word (channel, here, everyone).
 */
const MASS_MENTION_WORDS = 'channel|here|everyone';

/** Slack's encoded mass mentions: <!channel>, <!here|here>, <!everyone>. */
export const ENCODED_MASS_MENTION = new RegExp(`<!(${MASS_MENTION_WORDS})(?:\\|[^>]*)?>`, 'giu');

/**
 * Typed mass mentions, with either at sign: @everyone, @here, ＠channel. No word boundary after the
 * word: Discord renders "@everyonefoo" as a mention too.
 */
export const PLAIN_MASS_MENTION = new RegExp(`[@＠](${MASS_MENTION_WORDS})`, 'giu');

/** Either form. */
export const MASS_MENTION = new RegExp(`${ENCODED_MASS_MENTION.source}|${PLAIN_MASS_MENTION.source}`, 'giu');

/** Slack user-group mentions: <!subteam^S123|@team>. */
export const GROUP_MENTION = /<!subteam\^[^>]*>/giu;

/**
 * Slack/Discord user, role, channel, subteam and custom-emoji tokens: <@U123>, <@!1>, <@&1>, <#C1|x>, <!subteam^S1>,
 * <:name:1>.
 */
export const PLATFORM_TOKEN = /<(?:[@#!&][^<>]{0,200}|a?:\w{1,64}:\d{1,32})>/gu;

/** Every mention form starts with one of these characters. */
export const MENTION_STARTS = '<@＠';

const MENTION_START = new RegExp(`[${MENTION_STARTS}]`);

/** Whether the text may hold a mention at all: it holds one of MENTION_STARTS (a cheap test before the patterns). */
export const mayHoldMention = (text: string): boolean => MENTION_START.test(text);

/**
 * What defuseMentions rewrites holds one of these: "<!" (encoded mass and group mentions) or a typed mass mention,
 * in any case. One test, without the u flag (every character here is one UTF-16 unit, and no other character folds
 * to these letters), so a text with only handles ("@reylejano") or addresses skips the three patterns' passes.
 */
const DEFUSABLE = new RegExp(`<!|[@＠](?:${MASS_MENTION_WORDS})`, 'i');

/** Mass mentions made inert (the bare word stays), group mentions named: for any text leaving the bot. */
export function defuseMentions(text: string): string {
  if (!DEFUSABLE.test(text)) return text;
  return text.replace(ENCODED_MASS_MENTION, '$1').replace(GROUP_MENTION, 'a group').replace(PLAIN_MASS_MENTION, '$1');
}
