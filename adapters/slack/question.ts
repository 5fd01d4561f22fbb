import { singleSpaced } from '../../src/domain/plain-text.ts';

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Slack message or command text → the plain question the bot parses: the bot's own mention and
 * other people's mentions removed, channel and link markup reduced to their visible text, and
 * Slack's HTML entities decoded.
 */
export function slackTextToQuestion(text: string | undefined, botUserId?: string): string {
  let question = text ?? '';
  // Without markup or entities there is nothing to reduce (most slash commands).
  if (!question.includes('<') && !question.includes('&')) return singleSpaced(question);
  if (botUserId) question = question.replace(new RegExp(`<@${escapeRegExp(botUserId)}(?:\\|[^>]*)?>`, 'g'), ' ');
  question = question
    .replace(/<@[UW][A-Z0-9]+(?:\|[^>]*)?>/gi, ' ')
    .replace(/<!date\^[^|>]*\|([^>]*)>/g, '$1')
    .replace(/<![^>]*>/g, ' ')
    .replace(/<#[CG][A-Z0-9]+\|([^>]*)>/gi, '#$1')
    .replace(/<#[CG][A-Z0-9]+>/gi, ' ')
    .replace(/<[^>|]+\|([^>]*)>/g, '$1')
    .replace(/<([^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  return singleSpaced(question);
}
