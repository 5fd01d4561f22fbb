import type { Answer } from '../../src/domain/answer.ts';
import { defuseMentions } from '../../src/domain/mentions.ts';
import { withoutControlCharacters } from '../../src/domain/unsafe-text.ts';
import { renderText } from '../../src/render/text.ts';

export const PROMPT = 'k8s> ';

/** An answer to a question typed at the prompt. */
export function formatAnswer(answer: Answer): string {
  return `${renderText(answer).trimEnd()}\n`;
}

/** A scheduled digest arriving in the terminal, set apart from the conversation. */
export function formatDigest(answer: Answer): string {
  return `── scheduled digest ──\n${renderText(answer).trimEnd()}\n──────────────────────\n`;
}

/** The line a piped session echoes before each answer, so the output reads as a transcript (no mention, no escape codes). */
export const formatEcho = (question: string): string =>
  `${PROMPT}${withoutControlCharacters(defuseMentions(question))}\n`;

export function formatBanner(dataDate: string): string {
  return [
    `k8s-release-bot — Kubernetes release answers (data as of ${dataDate}).`,
    'Ask a question ("what went GA in 1.31", "when is code freeze", "KEP-3836"), type "help", or "exit".',
    '',
    '',
  ].join('\n');
}
