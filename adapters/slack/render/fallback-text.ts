import type { Answer } from '../../../src/domain/answer.ts';
import { SLACK_LIMITS } from './limits.ts';
import { mrkdwnText } from './mrkdwn.ts';

/** The message `text` Slack shows in notifications and to clients that cannot draw blocks. */
export function answerToText(answer: Answer): string {
  const lines = [
    answer.title.trim() ? `*${mrkdwnText(answer.title, SLACK_LIMITS.headerText)}*` : '',
    mrkdwnText(answer.summary, 1000),
    ...answer.facts.slice(0, 10).map((fact) => `• ${mrkdwnText(fact.label, 100)}: ${mrkdwnText(fact.value, 300)}`),
  ].filter((line) => line.trim() !== '');
  let text = '';
  for (const line of lines) {
    const next = text ? `${text}\n${line}` : line;
    if (next.length > SLACK_LIMITS.fallbackText) break;
    text = next;
  }
  return text || 'k8s-release-bot';
}
