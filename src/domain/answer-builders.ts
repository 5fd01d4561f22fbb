import type { Answer, AnswerFact, AnswerItem, AnswerSection } from './answer.ts';

/** Building blocks every answer (engine, digest, bot notices) is made of. Platform-neutral text only. */

export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}

export function fact(label: string, value: string, raw: string | number | boolean | null = null): AnswerFact {
  return { label, value, raw };
}

export function section(heading: string, parts: Partial<Omit<AnswerSection, 'heading'>> = {}): AnswerSection {
  return { heading, items: [], facts: [], lines: [], omitted: 0, moreUrl: null, ...parts };
}

/** A section of items cut to `max`, recording how many were left out and where the rest live. */
export function listSection(
  heading: string,
  items: AnswerItem[],
  max: number,
  moreUrl: string | null = null,
  lines: string[] = [],
): AnswerSection {
  return section(heading, {
    items: items.slice(0, max),
    omitted: Math.max(0, items.length - max),
    moreUrl: items.length > max ? moreUrl : null,
    lines,
  });
}

export type AnswerDraft = Pick<Answer, 'intent' | 'title' | 'summary'> &
  Partial<Omit<Answer, 'intent' | 'title' | 'summary'>>;

export function makeAnswer(footer: string, draft: AnswerDraft): Answer {
  const { intent, title, summary, release = null, facts = [], sections = [], links = [], suggestions = [] } = draft;
  // Always the same keys, `verdict` undefined when there is none: one object shape for every answer.
  return {
    intent,
    title,
    summary,
    verdict: draft.verdict || undefined,
    release,
    facts,
    sections,
    links,
    suggestions,
    footer: draft.footer ?? footer,
  };
}
