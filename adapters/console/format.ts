import type { Answer } from '../../src/domain/answer.ts';
import { defuseMentions } from '../../src/engine/sanitize.ts';
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

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;

/** The line a piped session echoes before each answer, so the output reads as a transcript (no mention, no escape codes). */
export const formatEcho = (question: string): string =>
  `${PROMPT}${defuseMentions(question).replace(CONTROL_CHARACTERS, '')}\n`;

export function formatBanner(dataDate: string): string {
  return [
    `k8s-release-bot — Kubernetes release answers (data as of ${dataDate}).`,
    'Ask a question ("what went GA in 1.31", "when is code freeze", "KEP-3836"), type "help", or "exit".',
    '',
    '',
  ].join('\n');
}
