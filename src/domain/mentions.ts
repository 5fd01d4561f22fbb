/**
 * Chat mention syntax, shared by everything that echoes user text: a mass mention must never be
 * repeated live, on any platform.
 */
export const MASS_MENTION = /<!(?:channel|here|everyone)(?:\|[^>]*)?>|[@＠](?:everyone|here|channel)\b/giu;

/** Slack/Discord user, role, channel, subteam and custom-emoji tokens: <@U123>, <@!1>, <@&1>, <#C1|x>, <!subteam^S1>, <:name:1>. */
export const PLATFORM_TOKEN = /<(?:[@#!&][^<>]{0,200}|a?:\w{1,64}:\d{1,32})>/gu;
